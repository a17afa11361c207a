"""The national portal's records (procedures/portal/), the upstream of our content.

Reading and validating the records (portal), mapping a record to our model (portal_map,
portal_cells, portal_text), the portal's addresses (portal_address), and the portal pages
published for commune records without a plain-language guide (portal_pages).
"""
