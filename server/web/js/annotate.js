// Officers' shared annotations drawn over a photo (or a video's poster) as an SVG overlay.
// Shapes come in normalized image coordinates 0..1; the overlay's viewBox is the displayed
// image's own pixel size, so circles stay round and text keeps its proportions.

import { h, s } from "./dom.js";

const COLOUR = /^#[0-9a-fA-F]{6}$/;

function shapeElements(annotation, w, hgt, small) {
  const shape = annotation.shape || {};
  const colour = COLOUR.test(annotation.colour || "") ? annotation.colour : "#ff3b30";
  const stroke = { stroke: colour, fill: "none", "stroke-width": small ? 3 : 2.5, "vector-effect": "non-scaling-stroke" };
  const X = (v) => v * w;
  const Y = (v) => v * hgt;
  const out = [];
  switch (shape.type) {
    case "rect":
      out.push(s("rect", { x: X(shape.x), y: Y(shape.y), width: X(shape.w), height: Y(shape.h), ...stroke }));
      break;
    case "ellipse":
      out.push(s("ellipse", {
        cx: X(shape.x + shape.w / 2), cy: Y(shape.y + shape.h / 2), rx: X(shape.w / 2), ry: Y(shape.h / 2), ...stroke,
      }));
      break;
    case "arrow": {
      const [x1, y1, x2, y2] = [X(shape.x1), Y(shape.y1), X(shape.x2), Y(shape.y2)];
      const angle = Math.atan2(y2 - y1, x2 - x1);
      const head = Math.max(w, hgt) * 0.04;
      const wing = (sign) => `${x2 - head * Math.cos(angle + sign * 0.45)},${y2 - head * Math.sin(angle + sign * 0.45)}`;
      out.push(s("line", { x1, y1, x2, y2, ...stroke }));
      out.push(s("polyline", { points: `${wing(1)} ${x2},${y2} ${wing(-1)}`, ...stroke }));
      break;
    }
    case "polyline": {
      const points = (shape.points || []).map(([x, y]) => `${X(x)},${Y(y)}`).join(" ");
      out.push(s(shape.closed ? "polygon" : "polyline", { points, ...stroke }));
      break;
    }
    case "point":
      out.push(s("circle", { cx: X(shape.x), cy: Y(shape.y), r: Math.max(w, hgt) * 0.015, fill: colour }));
      break;
    case "text": {
      const size = Y(shape.size || 0.04);
      out.push(s("text", { x: X(shape.x), y: Y(shape.y) + size, "font-size": size, fill: colour,
        "stroke-width": size * 0.15, class: "ann-text" },
        shape.text || ""));
      break;
    }
    default:
      break;
  }
  if (annotation.label && !small) {
    const [lx, ly] = anchor(shape);
    const size = Math.max(w, hgt) * 0.045; // about 15 px on a phone-wide picture
    out.push(s("text", { x: X(lx), y: Math.max(size, Y(ly) - size * 0.3), "font-size": size, fill: colour,
      "stroke-width": size * 0.18, class: "ann-label" }, annotation.label));
  }
  return out;
}

function anchor(shape) {
  switch (shape.type) {
    case "arrow": return [shape.x1, shape.y1];
    case "polyline": return shape.points && shape.points[0] ? shape.points[0] : [0, 0];
    default: return [shape.x || 0, shape.y || 0];
  }
}

/** An <img> with the annotations over it. `small` draws thinner strokes and no labels. */
export function annotatedImage(src, annotations, { alt = "", small = false, onOpen = null, label = "" } = {}) {
  const img = h("img", { src, alt, loading: "lazy", decoding: "async" });
  const overlay = s("svg", { class: "ann-overlay", "aria-hidden": "true", preserveAspectRatio: "none" });
  const draw = () => {
    const w = img.naturalWidth || 1;
    const hgt = img.naturalHeight || 1;
    overlay.setAttribute("viewBox", `0 0 ${w} ${hgt}`);
    overlay.replaceChildren(...annotations.flatMap((a) => shapeElements(a, w, hgt, small)));
  };
  if (annotations.length) img.addEventListener("load", draw, { once: true });
  const frame = h("span", { class: "ann-frame" }, img, annotations.length ? overlay : null);
  if (!onOpen) return frame;
  return h("button", { type: "button", class: "thumb-button", onclick: onOpen, "aria-label": label }, frame);
}

/** A short list of what the annotations say, for screen readers and small screens. */
export function annotationLabels(annotations) {
  const labels = annotations.map((a) => a.label || (a.shape && a.shape.text) || "").filter(Boolean);
  if (!labels.length) return null;
  return h("ul", { class: "ann-list" }, labels.map((label) => h("li", null, label)));
}
