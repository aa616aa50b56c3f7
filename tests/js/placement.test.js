/*
 * Where names go on the map (static/atlas/placement.js), under Node's test runner.
 */
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const {place, overlaps} = require(path.join(__dirname, "..", "..", "static", "atlas", "placement.js"));

const name = (x, y, extra) => Object.assign({x, y, w: 40, h: 14, r: 5}, extra || {});

test("a name goes to the right of its symbol when there is room", () => {
  const [spot] = place([name(100, 100)], [], 400, 300);
  assert.deepEqual(spot, {x: 108, y: 93, side: "right"});
});

test("a name keeps clear of other names and of markers, and tries the left, above and below", () => {
  const marker = {x: 110, y: 90, w: 20, h: 20};  // right of the point
  const spots = place([name(100, 100, {})], [marker], 400, 300);
  assert.equal(spots[0].side, "left");
  const two = place([name(100, 100), name(100, 100)], [], 400, 300);
  assert.equal(two[0].side, "right");
  assert.equal(two[1].side, "left");
});

test("a name that fits nowhere is left out, and no two names placed overlap", () => {
  const items = [];
  for (let i = 0; i < 60; i++) { items.push(name(100 + (i % 6) * 7, 100 + Math.floor(i / 6) * 5)); }
  const spots = place(items, [], 400, 300);
  const boxes = spots.map((s, i) => s && {x: s.x, y: s.y, w: items[i].w, h: items[i].h}).filter(Boolean);
  assert.ok(boxes.length > 0 && boxes.length < items.length);
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) { assert.equal(overlaps(boxes[i], boxes[j]), false); }
  }
});

test("names stay inside the map, and a moving name keeps its side while it can", () => {
  assert.equal(place([name(395, 100)], [], 400, 300)[0].side, "left");
  assert.equal(place([name(100, 100, {side: "below"})], [], 400, 300)[0].side, "below");
  assert.equal(place([name(-100, 100)], [], 400, 300)[0], null);
});

test("a country's name is centred, moved off markers where it can, and under them where it cannot", () => {
  const country = {x: 200, y: 150, w: 60, h: 16, centre: true};
  assert.deepEqual(place([country], [], 400, 300)[0], {x: 170, y: 142, side: "centre"});
  const crowd = [{x: 190, y: 140, w: 20, h: 20}];
  const moved = place([country], crowd, 400, 300)[0];
  assert.equal(moved.x, 170);
  assert.ok(moved.y > 150, "a line below its point");
  const everywhere = [{x: 0, y: 0, w: 400, h: 300}];
  assert.deepEqual(place([country], everywhere, 400, 300)[0], {x: 170, y: 142, side: "centre"});
});
