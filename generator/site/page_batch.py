"""Procedure pages in bulk: rendered and filled into their shells by helper processes.

Rendering a procedure page (its view, the Jinja template, the shell) takes a few milliseconds
of pure Python; a clean build of 2,000 procedures has 6,000 of them. Forked helpers, one per
core, share the catalogue, the templates and the shells with the build (copy-on-write) and
write each page where the site tree claimed it, so only short digests come back. Few pages,
or one core: the build renders them itself.
"""
from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from generator.site.engine import Engine, Shell
from generator.content.model import Procedure
from generator.site.site_tree import digest, write_file

if TYPE_CHECKING:
    from generator.site.pages import PageRenderer

PARALLEL_FROM = 300  # below this, starting helpers costs more than it saves


@dataclass(frozen=True)
class Job:
    procedure: Procedure
    lang: str
    target: Path  # where the site tree wants the page


@dataclass(frozen=True)
class Batch:
    renderer: PageRenderer
    engine: Engine
    shells: dict[str, Shell]
    shell_digests: dict[str, str]  # per language: both of its shells
    # Made from each page too, while it is at hand: its form in an offline pack, what search reads.
    companions: dict[str, Callable[[str], Any]] = field(default_factory=dict)

    def make(self, job: Job) -> tuple[str, dict[str, Any]]:
        """Render, fill and write one page; returns a digest of what it holds (its shell and what
        fills it: the same as hashing the file, for less), and its companions."""
        page = self.renderer.procedure(job.procedure, job.lang)
        html = self.engine.fill(self.shells, page)
        write_file(job.target, html)
        content = digest(self.shell_digests[job.lang], page.key, page.title, page.description, page.html,
                         str(page.toc))
        return content, {name: make(html) for name, make in self.companions.items()}

    def make_all(self, jobs: list[Job]) -> list[tuple[str, dict[str, Any]]]:
        workers = min(os.cpu_count() or 1, 4)
        if len(jobs) < PARALLEL_FROM or workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
            return [self.make(job) for job in jobs]
        global _BATCH
        _BATCH = self  # what the forked helpers find; nothing is pickled but the jobs' indexes
        try:
            size = -(-len(jobs) // (workers * 4))
            chunks = [(i, min(i + size, len(jobs))) for i in range(0, len(jobs), size)]
            _JOBS.clear()
            _JOBS.extend(jobs)
            with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
                return [d for part in pool.map(_make_range, chunks) for d in part]
        finally:
            _BATCH = None
            _JOBS.clear()


_BATCH: Batch | None = None
_JOBS: list[Job] = []


def _make_range(bounds: tuple[int, int]) -> list[tuple[str, dict[str, Any]]]:
    """In a helper: the pages of one slice of the jobs."""
    assert _BATCH is not None, "helpers are forked from a build that set the batch"
    return [_BATCH.make(job) for job in _JOBS[bounds[0]:bounds[1]]]
