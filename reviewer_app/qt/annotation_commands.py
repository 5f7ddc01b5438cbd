"""The undo commands of the annotation scene: every edit of the annotations is one of them, pushed
on the scene's QUndoStack, and each changes the document and the items together through the scene
(a CommandTarget). Their texts are the scene's, translated there.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol

from PySide6.QtGui import QUndoCommand

from reviewer_app.core.annotations import Annotation, AnnotationDocument


class CommandTarget(Protocol):
    """What the commands change: the AnnotationScene. These calls are not undoable themselves."""

    @property
    def document(self) -> AnnotationDocument: ...

    def insert_annotation(self, annotation: Annotation, index: int | None) -> None: ...

    def remove_annotation(self, key: str) -> None: ...

    def replace_annotation(self, annotation: Annotation) -> None: ...


class AddAnnotationsCommand(QUndoCommand):
    def __init__(self, target: CommandTarget, annotations: Sequence[Annotation], text: str):
        super().__init__(text)
        self._target = target
        self._annotations = list(annotations)

    def redo(self) -> None:
        for annotation in self._annotations:
            self._target.insert_annotation(annotation, None)

    def undo(self) -> None:
        for annotation in reversed(self._annotations):
            self._target.remove_annotation(annotation.key)


class RemoveAnnotationsCommand(QUndoCommand):
    def __init__(self, target: CommandTarget, keys: Iterable[str], text: str):
        super().__init__(text)
        self._target = target
        document = target.document
        # Removed from the top down, put back bottom up, each at its old place in the z-order.
        self._removed = sorted(((document.index(k), document.get(k)) for k in keys), key=lambda p: p[0])

    def redo(self) -> None:
        for _, annotation in reversed(self._removed):
            self._target.remove_annotation(annotation.key)

    def undo(self) -> None:
        for index, annotation in self._removed:
            self._target.insert_annotation(annotation, index)


class ChangeAnnotationsCommand(QUndoCommand):
    """Any change of existing annotations: move, resize, colour, label, sharing, text."""

    def __init__(self, target: CommandTarget, changes: Sequence[tuple[Annotation, Annotation]], text: str):
        super().__init__(text)
        self._target = target
        self._changes = list(changes)  # (before, after) of each annotation

    def redo(self) -> None:
        for _, after in self._changes:
            self._target.replace_annotation(after)

    def undo(self) -> None:
        for before, _ in reversed(self._changes):
            self._target.replace_annotation(before)


class NudgeAnnotationsCommand(ChangeAnnotationsCommand):
    """Arrow-key moves of a selection. Like the undoframework example's moves, consecutive nudges
    of the same selection merge into one step: a shape walked ten pixels with the arrow keys is
    put back by one undo. Another command in between, or another selection, starts a new step."""

    MERGE_ID = 1  # QUndoStack merges only commands of the same id

    def __init__(self, target: CommandTarget, changes: Sequence[tuple[Annotation, Annotation]], text: str,
                 selection: Iterable[str]):
        super().__init__(target, changes, text)
        self.selection = frozenset(selection)

    def id(self) -> int:
        return self.MERGE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, NudgeAnnotationsCommand) or other.selection != self.selection:
            return False
        # Each shape keeps the state from before the first nudge and takes the one after the last
        # (a shape stopped at the photo's edge took part in only some of them).
        before = {old.key: old for old, _ in self._changes}
        after = {new.key: new for _, new in self._changes}
        for old, new in other._changes:
            before.setdefault(old.key, old)
            after[new.key] = new
        self._changes = [(before[key], after[key]) for key in before]
        return True
