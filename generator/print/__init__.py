"""Print products: counter handouts and QR posters as PDFs (print_docs, print_run, pdf,
pdf_fonts, browser, qr), loudspeaker scripts (broadcast, spoken), and the "print for your
commune" views (print_view).
"""
