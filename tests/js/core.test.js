/*
 * The pure browser code (static/atlas/core.js) under Node's test runner. The contract part reads a
 * fixture written by tests/test_js_contract.py: the timed scene as the browser receives it, and what
 * Python computes at many moments; core.js must compute the same ids, style references, positions,
 * clock words and captions. Run through pytest (which writes the fixture), or alone for the helpers.
 */
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const core = require(path.join(__dirname, "..", "..", "static", "atlas", "core.js"));

const fixturePath = process.env.CMC_CONTRACT_FIXTURE;
const fixture = fixturePath ? JSON.parse(fs.readFileSync(fixturePath, "utf8")) : null;
const TOL = 2e-4;  // positions travel as 4 decimals

test("bisect finds the last element at or before x", () => {
  assert.equal(core.bisect([1, 2, 3], 0), -1);
  assert.equal(core.bisect([1, 2, 3], 2), 1);
  assert.equal(core.bisect([1, 2, 3], 9), 2);
});

test("what Moscow knew: the last reading begun, none before the first or without readings", () => {
  const data = {moscow: [{t: 100}, {t: 200}]};
  assert.equal(core.moscowAt(data, 50), -1);
  assert.equal(core.moscowAt(data, 100), 0);
  assert.equal(core.moscowAt(data, 199), 0);
  assert.equal(core.moscowAt(data, 5000), 1);
  assert.equal(core.moscowAt({moscow: []}, 150), -1);
  assert.equal(core.moscowAt({}, 150), -1);
});

test("spans are half-open [from, to)", () => {
  assert.equal(core.inSpans([[0, 10]], 10), false);
  assert.equal(core.inSpans([[0, 10], [20, 30]], 20), true);
});

test("key moments more than a minute away", () => {
  const keys = [100, 1000, 2000];
  assert.equal(core.nextKey(keys, 1000, 1), 2000);
  assert.equal(core.nextKey(keys, 1030, -1), 100);
  assert.equal(core.nextKey(keys, 2000, 1), null);
});

test("iso to the minute in UTC", () => {
  assert.equal(core.iso(Date.UTC(1962, 9, 27, 18, 0) / 1000), "1962-10-27T18:00Z");
});

function closeEnough(a, b, where) {
  assert.equal(a.length, b.length, where);
  for (let i = 0; i < a.length; i++) { assert.ok(Math.abs(a[i] - b[i]) < TOL, `${where}: ${a} vs ${b}`); }
}

test("frames: the browser shows what Python decided", {skip: !fixture && "no fixture (run through pytest)"}, () => {
  let compared = 0;
  fixture.frames.forEach(({ts, want}) => {
    const got = core.frameSummary(fixture.data, ts);
    const where = core.iso(ts) + " (" + ts + ")";
    assert.deepEqual(got.fixed, want.fixed, where + ": fixed features");
    assert.deepEqual(got.movers.map((m) => m.slice(0, 2)), want.movers.map((m) => m.slice(0, 2)), where + ": movers");
    got.movers.forEach((g, i) => {
      const w = want.movers[i], at = where + " " + g[1];
      closeEnough(g[2], w[2], at + ": position");
      assert.deepEqual(g[3], w[3], at + ": runs [index, style, points]");
      assert.equal(g[4], w[4], at + ": marker style");
      assert.ok(Math.abs(g[5] - w[5]) < 0.05, at + ": halo km " + g[5] + " vs " + w[5]);
    });
    compared++;
  });
  assert.ok(compared >= 100, "too few moments compared: " + compared);
});

test("clock words and captions equal Python's", {skip: !fixture && "no fixture (run through pytest)"}, () => {
  core.useZones(fixture.data.zone_steps);
  fixture.clock.forEach(({ts, lang, washington, gmt, rows, caption}) => {
    assert.equal(core.formatMoment(ts, lang), washington);
    assert.equal(core.formatMoment(ts, lang, "UTC"), gmt);
    rows.forEach(([zone, label, want]) => assert.equal(core.formatMoment(ts, lang, zone, label), want, zone));
    const ev = core.captionAt(fixture.data, ts);
    assert.equal(ev ? ev.title : null, caption, core.iso(ts));
  });
});

test("panels: caption, story, quarantine and clock equal Python's", {skip: !fixture && "no fixture (run through pytest)"}, () => {
  fixture.panels.forEach(({ts, want}) => {
    assert.deepEqual(core.panelSummary(fixture.data, ts), want, core.iso(ts) + " (" + ts + ")");
  });
});

test("a frame described in words, and what changed between two frames", () => {
  const data = {layers: ["a", "b"], fixed: [{layer: "b", tooltip: "X &amp; Y"}, {layer: "a", tooltip: "Z"}],
    movers: [{layer: "a", id: "m", tooltip: "Ship", t: [0], ll: [[23.1, -82.4]]}]};
  const frame = {fixed: [0, 1], movers: [{index: 0, frame: {ll: [23.1, -82.4]}}]};
  assert.deepEqual(core.describeFrame(data, frame),
    [{layer: "a", names: ["Z", "Ship (23.1°N 82.4°W)"]}, {layer: "b", names: ["X & Y"]}]);
  assert.deepEqual(core.frameChanges(data, {fixed: [1], movers: []}, frame), {appeared: ["X & Y", "Ship"], gone: []});
});

test("the story's part follows the time bar's bounds", () => {
  const data = {story_steps: [[0, [2, 1], 0]], story_bounds: [100, 900]};
  assert.equal(core.storyAt(data, 100).part, "prologue");
  assert.equal(core.storyAt(data, 500).part, null);
  assert.equal(core.storyAt(data, 900, [100, 950]).part, null);
  assert.deepEqual(core.storyAt(data, 500).events, [2, 1]);
});

test("the heading of a stretch of track, clockwise from north", () => {
  assert.equal(Math.round(core.heading([20, -70], [21, -70])), 0);
  assert.equal(Math.round(core.heading([20, -70], [20, -71])), 270);
  assert.equal(Math.round(core.heading([0, 0], [-1, 1])), 135);
  assert.equal(core.heading([20, -70], [20, -70]), null);
});
