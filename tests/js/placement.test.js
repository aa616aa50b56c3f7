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

// the time bar's day labels (tickLabels): items in time order, x the tick's offset, w the label's width
const {tickLabels} = require(path.join(__dirname, "..", "..", "static", "atlas", "placement.js"));
const boxes = (items, lefts) => lefts.map((l, i) => l === null ? null : [l, l + items[i].w]).filter(Boolean);

test("day labels far apart all show, centred under their ticks", () => {
  const items = [{x: 0, w: 40}, {x: 200, w: 40}, {x: 400, w: 40}];
  assert.deepEqual(tickLabels(items, -20, 420, 8), [-20, 180, 380]);
});

test("crowded day labels never overlap; the first and the last always show", () => {
  const items = [0, 300, 320, 330, 350, 380, 600].map((x) => ({x, w: 44}));
  const lefts = tickLabels(items, -14, 614, 8);
  assert.notEqual(lefts[0], null);
  assert.notEqual(lefts[items.length - 1], null);
  const shown = boxes(items, lefts);
  for (let i = 0; i < shown.length; i++) {
    for (let j = i + 1; j < shown.length; j++) {
      assert.ok(shown[i][1] + 8 <= shown[j][0] || shown[j][1] + 8 <= shown[i][0], JSON.stringify([shown[i], shown[j]]));
    }
  }
  assert.deepEqual(lefts.map((l) => l !== null), [true, true, false, false, false, true, true]);
});

test("a middle label that would cover the last gives way to it, and the choice is the same every time", () => {
  const items = [{x: 0, w: 40}, {x: 560, w: 40}, {x: 590, w: 40}];
  const once = tickLabels(items, -10, 610, 8);
  assert.deepEqual(once.map((l) => l !== null), [true, false, true]);
  assert.deepEqual(tickLabels(items, -10, 610, 8), once);
});

test("the first and the last labels are moved inside the frame's edges", () => {
  const items = [{x: 0, w: 60}, {x: 500, w: 60}];
  const lefts = tickLabels(items, -10, 510, 8);
  assert.equal(lefts[0], -10);
  assert.equal(lefts[1], 450);
});

test("with too little room for both ends, the first stays; no labels, none shown", () => {
  assert.deepEqual(tickLabels([{x: 0, w: 40}, {x: 20, w: 40}], -20, 40, 8), [-20, null]);
  assert.deepEqual(tickLabels([], 0, 100, 8), []);
});
