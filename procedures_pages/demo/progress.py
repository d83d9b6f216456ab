"""Progress reporting for the slow demo steps; silent by default, tqdm in the command."""

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager


class Progress:
    """Silent progress: builders call ``iterate`` for loops and ``counter`` for callbacks."""

    def iterate(self, items: Iterable, label: str) -> Iterable:
        return items

    @contextmanager
    def counter(self, total: int, label: str) -> Iterator[Callable[[int], None]]:
        yield lambda _done: None


class TqdmProgress(Progress):
    """Progress bars on stderr, removed when done so the final summary stays readable."""

    def __init__(self, stream):
        self.stream = stream

    def iterate(self, items: Iterable, label: str) -> Iterable:
        from tqdm import tqdm

        return tqdm(items, desc=label, unit=" mục", file=self.stream, leave=False)

    @contextmanager
    def counter(self, total: int, label: str) -> Iterator[Callable[[int], None]]:
        from tqdm import tqdm

        with tqdm(total=total, desc=label, unit=" mục", file=self.stream, leave=False) as bar:
            yield bar.update
