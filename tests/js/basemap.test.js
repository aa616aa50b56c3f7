/*
 * The basemap drawn from projected arrays (static/atlas/basemap.js), under Node's test runner: the projection is
 * Leaflet's EPSG:3857 at scale 1, rings keep their points and boxes, and tracing leaves out what is off the view
 * and what is closer than a pixel, never a ring's last point.
 */
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const {mercator, rings, trace, TOLERANCE} = require(path.join(__dirname, "..", "..", "static", "atlas", "basemap.js"));

/** A canvas context that records the path it is given. */
function recorder() {
  const calls = [];
  return {calls, moveTo: (x, y) => calls.push(["M", x, y]), lineTo: (x, y) => calls.push(["L", x, y]),
          closePath: () => calls.push(["Z"])};
}

const close = (a, b, eps = 1e-9) => Math.abs(a - b) < eps;

test("mercator puts the equator and Greenwich at the middle, and holds latitudes as Leaflet does", () => {
  assert.deepEqual(mercator(0, 0), [0.5, 0.5]);
  assert.equal(mercator(-180, 0)[0], 0);
  assert.equal(mercator(180, 0)[0], 1);
  assert.equal(mercator(190, 0)[0], 190 / 360 + 0.5);  // past the antimeridian stays past it
  assert.ok(close(mercator(0, 85.0511287798)[1], 0, 1e-9));  // the top of Leaflet's square
  assert.deepEqual(mercator(0, 90), mercator(0, 85.0511287798));
  assert.deepEqual(mercator(0, -90), mercator(0, -85.0511287798));
  // Havana, by the usual formula of map tiles (x = (lon + 180) / 360, y = (1 - ln(tan φ + sec φ) / π) / 2)
  const phi = 23.1136 * Math.PI / 180;
  const [x, y] = mercator(-82.3666, 23.1136);
  assert.ok(close(x, (-82.3666 + 180) / 360, 1e-12));
  assert.ok(close(y, (1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2, 1e-12), `${y}`);
});

test("rings keeps every point of polygons (closed) and lines (open), with their boxes", () => {
  const data = rings({type: "FeatureCollection", features: [
    {type: "Feature", geometry: {type: "MultiPolygon", coordinates: [[[[0, 0], [10, 0], [10, 10], [0, 0]],
                                                                       [[2, 2], [3, 2], [3, 3], [2, 2]]]]}},
    {type: "Feature", geometry: {type: "LineString", coordinates: [[-20, 5], [-10, 5]]}},
    {type: "Feature", geometry: {type: "Point", coordinates: [1, 1]}},
    {type: "Feature", geometry: null}]});
  assert.equal(data.rings.length, 3);
  assert.deepEqual(data.rings.map((r) => [r.xy.length, r.closed]), [[8, true], [8, true], [4, false]]);
  const [x0, y0] = mercator(0, 10), [x1, y1] = mercator(10, 0);
  assert.deepEqual(data.rings[0].box, [x0, y0, x1, y1]);
  assert.equal(data.box[0], mercator(-20, 5)[0]);
  assert.equal(data.box[2], x1);
  assert.ok(data.rings[0].xy instanceof Float64Array);
});

test("trace draws each ring scaled and moved to the pixel origin, and closes polygons only", () => {
  const data = rings({type: "GeometryCollection", geometries: [
    {type: "Polygon", coordinates: [[[0, 0], [90, 0], [90, 45], [0, 0]]]},
    {type: "LineString", coordinates: [[-90, 0], [-45, 0]]}]});
  const ctx = recorder();
  const n = trace(ctx, data, 256, 100, 50, null, false);
  assert.equal(n, 6);
  assert.deepEqual(ctx.calls[0], ["M", 128 - 100, 128 - 50]);
  assert.deepEqual(ctx.calls[1], ["L", 192 - 100, 128 - 50]);
  assert.deepEqual(ctx.calls.map((c) => c[0]).join(""), "MLLLZML");
});

test("trace leaves out points closer than a pixel to the last one drawn, never a ring's last point", () => {
  const coords = [[0, 0]];
  for (let i = 1; i <= 100; i++) { coords.push([i * 1e-4, 0]); }  // a hundred steps of about 0.00007 px at zoom 0
  const data = rings({type: "LineString", coordinates: coords});
  const ctx = recorder();
  trace(ctx, data, 256, 0, 0, null, false);
  assert.deepEqual(ctx.calls.map((c) => c[0]).join(""), "ML");
  assert.deepEqual(ctx.calls[1].slice(1), [(100e-4 / 360 + 0.5) * 256, 128]);
  // at a scale where the steps are a few pixels apart, every point is drawn
  const far = recorder();
  trace(far, data, 256 * 2 ** 14, 0, 0, null, false);
  assert.equal(far.calls.length, 101);
  assert.ok(TOLERANCE > 0 && TOLERANCE < 1);
});

test("trace skips rings off the view, and draws the world a turn to each side where the view shows it", () => {
  const data = rings({type: "MultiPolygon", coordinates: [
    [[[170, 60], [190, 60], [190, 70], [170, 60]]],  // Chukotka, made continuous past 180
    [[[-100, 30], [-90, 30], [-90, 40], [-100, 30]]]]});  // the Gulf coast
  const scale = 1024;  // zoom 2
  const view = (x0, x1) => ({min: {x: x0, y: 0}, max: {x: x1, y: scale}});
  const xs = (ctx) => ctx.calls.filter((c) => c[0] === "M").map((c) => Math.round(c[1]));
  // a view over the Gulf only: Chukotka is left out
  let ctx = recorder();
  trace(ctx, data, scale, 0, 0, view(200, 300), true);
  assert.deepEqual(xs(ctx), [Math.round(mercator(-100, 30)[0] * scale)]);
  // a view west of -180 (Leaflet's pixels below 0): Chukotka's copy a turn to the west is drawn there
  ctx = recorder();
  trace(ctx, data, scale, 0, 0, view(-60, 10), true);
  assert.deepEqual(xs(ctx), [Math.round(mercator(170, 60)[0] * scale - scale)]);
  // without copies, nothing is drawn there
  ctx = recorder();
  assert.equal(trace(ctx, data, scale, 0, 0, view(-60, -10), false), 0);
});
