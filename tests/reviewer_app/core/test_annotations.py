"""The annotation document without Qt: scene <-> normalized coordinates, editing geometry, and the
diff that decides what to send to the server."""

from datetime import UTC, datetime

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reviewer_app.core.annotations import (
    MAX_POLYLINE_POINTS,
    Annotation,
    AnnotationDocument,
    ImageSize,
    SceneArrow,
    SceneEllipse,
    ScenePoint,
    ScenePolyline,
    SceneRect,
    SceneText,
    diff,
    from_scene,
    handle_points,
    move_scene_shape,
    new_key,
    pinned_at,
    resize_scene_shape,
    shape_bounds,
    shape_kind,
    simplify_polyline,
    to_scene,
)
from shared.annotations import AnnotationIn, AnnotationOut, Arrow, Ellipse, Point, Polyline, Rect, Text
from shared.models import PersonRef, without_control_characters

SIZE = ImageSize(1000, 500)
ME = PersonRef(id=7, display_name="张伟")
COLLEAGUE = PersonRef(id=8, display_name="李娜")


def out(server_id: int, shape, *, version: int = 1, author: PersonRef = ME, **fields) -> AnnotationOut:
    return AnnotationOut(id=server_id, evidence_id=3, author=author, version=version, shape=shape,
                         created_at=datetime(2026, 11, 2, 2, 0, tzinfo=UTC), **fields)


# ----- coordinates -------------------------------------------------------------------------------


def test_scene_shapes_normalize_to_exact_fractions_of_the_image():
    assert from_scene(SceneRect(100, 50, 200, 100), SIZE) == Rect(x=0.1, y=0.1, w=0.2, h=0.2)
    assert from_scene(SceneEllipse(250, 125, 500, 250), SIZE) == Ellipse(x=0.25, y=0.25, w=0.5, h=0.5)
    assert from_scene(SceneArrow(500, 400, 700, 100), SIZE) == Arrow(x1=0.5, y1=0.8, x2=0.7, y2=0.2)
    assert from_scene(ScenePolyline(((0, 0), (1000, 500)), closed=True), SIZE) == Polyline(
        points=[(0.0, 0.0), (1.0, 1.0)], closed=True)
    text = from_scene(SceneText(100, 100, "  缺少概况牌 ", 20), SIZE)
    assert text == Text(x=0.1, y=0.2, text="缺少概况牌", size=0.04)
    assert from_scene(ScenePoint(1, 499), SIZE) == Point(x=0.001, y=0.998)


def test_a_box_dragged_up_and_left_is_the_same_box():
    assert from_scene(SceneRect(300, 150, -200, -100), SIZE) == Rect(x=0.1, y=0.1, w=0.2, h=0.2)


def test_shapes_are_clamped_to_what_the_server_accepts():
    rect = from_scene(SceneRect(-500, -500, 5000, 5000), SIZE)
    assert rect == Rect(x=-0.05, y=-0.05, w=1.1, h=1.1)
    arrow = from_scene(SceneArrow(-1000, 0, 2000, 250), SIZE)
    assert (arrow.x1, arrow.x2) == (-0.05, 1.05)
    text = from_scene(SceneText(10, 10, "x", 10_000), SIZE)
    assert text.size == 0.5
    with pytest.raises(ValueError, match="text"):
        from_scene(SceneText(10, 10, "   ", 20), SIZE)


def test_long_freehand_strokes_are_thinned_to_the_wire_limit():
    points = tuple((i % 1000, i % 500) for i in range(5000))
    polyline = from_scene(ScenePolyline(points), SIZE)
    assert len(polyline.points) == MAX_POLYLINE_POINTS
    assert polyline.points[0] == (0.0, 0.0)
    assert polyline.points[-1] == (points[-1][0] / 1000, points[-1][1] / 500)


def test_to_scene_is_the_inverse():
    assert to_scene(Rect(x=0.1, y=0.1, w=0.2, h=0.2), SIZE) == SceneRect(100, 50, 200, 100)
    assert to_scene(Arrow(x1=0.5, y1=0.8, x2=0.7, y2=0.2), SIZE) == SceneArrow(500, 400, 700, 100)
    assert to_scene(Text(x=0.1, y=0.2, text="t", size=0.04), SIZE) == SceneText(100, 100, "t", 20)
    assert to_scene(Polyline(points=[(0, 0), (0.5, 0.5)]), SIZE) == ScenePolyline(((0, 0), (500, 250)))


scene_coord = st.floats(min_value=-2000, max_value=6000, allow_nan=False)
image_side = st.integers(min_value=16, max_value=12000)
scene_shapes = st.one_of(
    st.builds(SceneRect, scene_coord, scene_coord, scene_coord, scene_coord),
    st.builds(SceneEllipse, scene_coord, scene_coord, scene_coord, scene_coord),
    st.builds(SceneArrow, scene_coord, scene_coord, scene_coord, scene_coord),
    st.builds(ScenePolyline, st.lists(st.tuples(scene_coord, scene_coord), min_size=1, max_size=50).map(tuple),
              st.booleans()),
    st.builds(SceneText, scene_coord, scene_coord,
              st.text(min_size=1, max_size=20).filter(lambda text: without_control_characters(text).strip()),
              st.floats(min_value=0.1, max_value=5000)),
    st.builds(ScenePoint, scene_coord, scene_coord),
)


@settings(max_examples=300, deadline=None)
@given(shape=scene_shapes, width=image_side, height=image_side)
def test_any_scene_shape_validates_on_the_wire_and_survives_a_round_trip(shape, width, height):
    size = ImageSize(width, height)
    wire = from_scene(shape, size)
    # What the server decodes with its Meta constraints:
    body = msgspec.json.encode(AnnotationIn(shape=wire))
    assert msgspec.json.decode(body, type=AnnotationIn).shape == wire
    # Shown and read back without an edit, the shape is unchanged (no spurious update).
    assert from_scene(to_scene(wire, size), size) == wire


def test_pasted_control_characters_do_not_reach_the_wire():
    assert from_scene(SceneText(10, 10, "消毒\x00柜\x1b 缺失\n第二行", 20), SIZE).text == "消毒柜 缺失\n第二行"
    wire = from_scene(SceneText(10, 10, "\x1b[31m裂缝\x00宽\t2 mm\n", 20), ImageSize(100, 100))
    assert wire.text == "[31m裂缝宽\t2 mm"
    assert msgspec.json.decode(msgspec.json.encode(AnnotationIn(shape=wire)), type=AnnotationIn).shape == wire
    with pytest.raises(ValueError):
        from_scene(SceneText(10, 10, "\x1b\x07", 20), ImageSize(100, 100))


# ----- editing geometry --------------------------------------------------------------------------


def test_handles_of_a_box_and_an_arrow():
    handles = handle_points(SceneRect(10, 20, 100, 50))
    assert handles["top_left"] == (10, 20)
    assert handles["bottom_right"] == (110, 70)
    assert handles["top"] == (60, 20)
    assert handle_points(SceneArrow(1, 2, 3, 4)) == {"tail": (1, 2), "head": (3, 4)}
    assert handle_points(SceneText(0, 0, "t", 10)) == {}


def test_resizing_by_handles():
    box = SceneRect(10, 20, 100, 50)
    assert resize_scene_shape(box, "bottom_right", 210, 120) == SceneRect(10, 20, 200, 100)
    assert resize_scene_shape(box, "left", 0, 999) == SceneRect(0, 20, 110, 50)
    # Dragged past the opposite corner, the box flips over instead of getting a negative size.
    assert resize_scene_shape(box, "top_left", 200, 100) == SceneRect(110, 70, 90, 30)
    assert resize_scene_shape(SceneArrow(0, 0, 10, 10), "head", 50, 60) == SceneArrow(0, 0, 50, 60)
    stroke = ScenePolyline(((0, 0), (10, 5), (20, 10)))
    assert resize_scene_shape(stroke, "bottom_right", 40, 20) == ScenePolyline(((0, 0), (20, 10), (40, 20)))
    with pytest.raises(ValueError):
        resize_scene_shape(ScenePoint(1, 1), "top", 0, 0)


def test_moving():
    assert move_scene_shape(SceneRect(1, 2, 3, 4), 10, 20) == SceneRect(11, 22, 3, 4)
    assert move_scene_shape(SceneArrow(0, 0, 1, 1), 5, 5) == SceneArrow(5, 5, 6, 6)
    assert move_scene_shape(ScenePolyline(((0, 0), (1, 1))), 1, 2) == ScenePolyline(((1, 2), (2, 3)))


def test_simplify_keeps_corners_and_drops_collinear_points():
    line = [(float(i), 0.0) for i in range(100)] + [(99.0, float(i)) for i in range(1, 50)]
    simplified = simplify_polyline(line, 0.5)
    assert simplified == [(0.0, 0.0), (99.0, 0.0), (99.0, 49.0)]


def test_shape_helpers():
    assert shape_kind(Rect(x=0, y=0, w=1, h=1)) == "rect"
    assert shape_kind(Polyline(points=[(0, 0), (1, 1)])) == "polyline"
    assert shape_bounds(Arrow(x1=0.5, y1=0.8, x2=0.7, y2=0.2)) == pytest.approx((0.5, 0.2, 0.2, 0.6))


# ----- annotations and the diff ------------------------------------------------------------------


def test_annotation_checks_its_fields():
    shape = Point(x=0.5, y=0.5)
    with pytest.raises(ValueError, match="colour"):
        Annotation(key="k", shape=shape, colour="red")
    with pytest.raises(ValueError, match="time_ms"):
        Annotation(key="k", shape=shape, time_ms=-1)
    with pytest.raises(ValueError, match="label"):
        Annotation(key="k", shape=shape, label="x" * 501)


def test_wire_bodies():
    annotation = Annotation(key="n1", shape=Rect(x=0.1, y=0.1, w=0.2, h=0.2), colour="#34c759", label="围挡",
                            time_ms=1200, shared_with_applicant=True)
    body = annotation.to_wire()
    assert body == AnnotationIn(shape=Rect(x=0.1, y=0.1, w=0.2, h=0.2), colour="#34c759", label="围挡",
                                time_ms=1200, shared_with_applicant=True)
    with pytest.raises(ValueError):
        annotation.to_update()  # never saved: nothing to update
    saved = Annotation.from_wire(out(5, Rect(x=0.1, y=0.1, w=0.2, h=0.2), version=3))
    assert saved.key == "s5" and saved.to_update().version == 3


def test_diff_creates_updates_and_deletes():
    kept = Annotation.from_wire(out(1, Point(x=0.1, y=0.1)))
    moved = Annotation.from_wire(out(2, Point(x=0.2, y=0.2)))
    deleted = Annotation.from_wire(out(3, Point(x=0.3, y=0.3)))
    theirs = Annotation.from_wire(out(4, Point(x=0.4, y=0.4), author=COLLEAGUE), current_user_id=ME.id)
    new = Annotation(key=new_key(), shape=Point(x=0.5, y=0.5))
    saved = [kept, moved, deleted, theirs]
    current = [kept, Annotation(**{**_fields(moved), "shape": Point(x=0.25, y=0.2)}), new, theirs]
    plan = diff(saved, current)
    assert [a.key for a in plan.create] == [new.key]
    assert [a.server_id for a in plan.update] == [2]
    assert [a.server_id for a in plan.delete] == [3]
    assert len(plan) == 3 and not plan.empty
    assert diff(saved, saved).empty


def test_someone_elses_annotations_are_never_sent():
    theirs = Annotation.from_wire(out(4, Point(x=0.4, y=0.4), author=COLLEAGUE), current_user_id=ME.id)
    assert theirs.read_only
    edited = Annotation(**{**_fields(theirs), "colour": "#000000"})
    assert diff([theirs], [edited]).empty
    assert diff([theirs], []).empty


def _fields(annotation: Annotation) -> dict:
    return {name: getattr(annotation, name) for name in annotation.__slots__}


# ----- the document through a save --------------------------------------------------------------


def test_a_save_round_trip_leaves_nothing_to_send():
    document = AnnotationDocument.from_server([out(1, Point(x=0.1, y=0.1))], current_user_id=ME.id)
    assert not document.dirty
    rect = Annotation(key=new_key(), shape=Rect(x=0.1, y=0.1, w=0.2, h=0.2))
    document.insert(rect)
    assert document.dirty
    plan = document.plan()
    assert plan.create == (rect,)
    stored = document.confirm(plan.create[0], out(2, rect.shape, label=""))
    assert stored.server_id == 2 and stored.version == 1 and stored.key == rect.key
    assert not document.dirty


def test_an_edit_made_while_the_save_was_in_flight_is_sent_next_time():
    document = AnnotationDocument()
    first = document.insert(Annotation(key="n-a", shape=Point(x=0.1, y=0.1)))
    sent = document.plan().create[0]
    document.replace(Annotation(**{**_fields(first), "shape": Point(x=0.9, y=0.9)}))  # moved meanwhile
    document.confirm(sent, out(10, Point(x=0.1, y=0.1)))
    plan = document.plan()
    assert plan.create == ()
    assert [(a.server_id, a.version, a.shape) for a in plan.update] == [(10, 1, Point(x=0.9, y=0.9))]


def test_undoing_a_delete_after_it_was_saved_creates_the_annotation_again():
    document = AnnotationDocument.from_server([out(1, Point(x=0.1, y=0.1))])
    index, removed = document.remove("s1")
    sent = document.plan().delete[0]
    document.confirm_deleted(sent)
    assert not document.dirty
    document.insert(removed, index)  # undo
    plan = document.plan()
    assert [a.key for a in plan.create] == ["s1"] and plan.create[0].server_id is None


def test_undoing_a_move_after_it_was_saved_updates_with_the_new_version():
    document = AnnotationDocument.from_server([out(1, Point(x=0.1, y=0.1), version=1)])
    before = document.get("s1")
    after = Annotation(**{**_fields(before), "shape": Point(x=0.2, y=0.2)})
    document.replace(after)
    document.confirm(document.plan().update[0], out(1, Point(x=0.2, y=0.2), version=2))
    document.replace(before)  # undo: the annotation as it was, with its old version number
    update = document.plan().update[0]
    assert (update.shape, update.version) == (Point(x=0.1, y=0.1), 2)


def test_duplicate_keys_are_refused():
    document = AnnotationDocument()
    document.insert(Annotation(key="k", shape=Point(x=0, y=0)))
    with pytest.raises(KeyError):
        document.insert(Annotation(key="k", shape=Point(x=1, y=1)))


def test_deleted_annotations_from_the_server_are_not_loaded():
    document = AnnotationDocument.from_server([out(1, Point(x=0.1, y=0.1)), out(2, Point(x=0.2, y=0.2),
                                                                                deleted=True)])
    assert document.keys() == ["s1"]


def test_pinned_to_a_video_time():
    annotations = [Annotation(key=str(t), shape=Point(x=0, y=0), time_ms=t) for t in (0, 900, 1000, 1600)]
    annotations.append(Annotation(key="whole video", shape=Point(x=0, y=0)))
    assert [a.key for a in pinned_at(annotations, 1100, 200)] == ["900", "1000"]
    assert AnnotationDocument(annotations).pinned_at(1600, 0)[0].key == "1600"
