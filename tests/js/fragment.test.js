/*
 * The static site's address (geoapp/site/fragment.js) under Node's test runner: the fragment read into a state
 * and written back with the app's keys, bad values dropped with a note in the manifest's words. The manifest
 * here is a small hand-made one of the same shape as geoapp/publish.py writes (tests/test_publish.py checks the
 * real one against these functions' needs).
 */
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const F = require(path.join(__dirname, "..", "..", "geoapp", "site", "fragment.js"));

const T = (s) => Date.parse(s) / 1000;
const texts = (lang) => ({
  bad_value: lang + ": {name} ({value}) ignored", bad_time: lang + ": time {value}: {why}",
  time_unreadable: "unreadable", time_outside: "outside", time_too_long: "too long",
  bad_layers: lang + ": layers {value}", bad_view: lang + ": view {value}",
});
const M = {
  langs: ["en", "ja"], default_lang: "en", views: ["actual", "known", "gap"], default_view: "actual",
  figures: ["soviet", "us_1962"], default_figure: "soviet", view_figure: {known: "us_1962"},
  layers: ["missile_sites", "ships", "flights", "events"],
  pages: {en: {actual: {soviet: "pages/en-a.json", us_1962: "pages/en-a-us.json"}}},
  periods: {crisis: {range: [T("1962-09-01T00:00Z"), T("1962-11-21T23:00Z")]},
            anadyr: {range: [T("1962-05-01T00:00Z"), T("1962-09-01T00:00Z")]},
            epilogue: {range: [T("1962-11-21T23:00Z"), T("1963-04-30T23:59Z")]},
            all: {range: [T("1962-05-01T00:00Z"), T("1963-04-30T23:59Z")]}},
  follow: ["crisis", "anadyr", "epilogue"], fallback_period: "all",
  timeline: [T("1962-05-01T00:00Z"), T("1963-04-30T23:59Z")], default_t: "1962-10-14T12:00Z",
  time_max: 64, quote_max: 60, texts: {en: texts("en"), ja: texts("ja")},
};

test("the example permalink: moment, language and layers", () => {
  const r = F.parse("#t=1962-10-27T18:00Z&lang=ja&layers=ships,flights", M, F.defaults(M));
  assert.deepEqual(r.notes, []);
  assert.equal(r.state.t, T("1962-10-27T18:00Z"));
  assert.equal(r.state.lang, "ja");
  assert.deepEqual(r.state.layers, ["ships", "flights"]);
  assert.equal(r.state.view, "actual");
  assert.equal(F.write(r.state, M), "t=1962-10-27T18:00Z&lang=ja&layers=ships,flights");
});

test("layers are kept in the manifest's order; an empty list is no layer", () => {
  assert.deepEqual(F.parse("#layers=flights,missile_sites", M, F.defaults(M)).state.layers, ["missile_sites", "flights"]);
  assert.deepEqual(F.parse("#layers=", M, F.defaults(M)).state.layers, []);
  assert.deepEqual(F.parse("#t=1962-10-27T18:00Z", M, F.defaults(M)).state.layers, M.layers);
});

test("figure and view are written only when not the default, and read back", () => {
  const st = Object.assign(F.defaults(M), {fig: "us_1962", view: "gap"});
  const hash = F.write(st, M);
  assert.match(hash, /&fig=us_1962&view=gap$/);
  assert.deepEqual(F.parse("#" + hash, M, F.defaults(M)).state, st);
  assert.equal(F.shownFigure(Object.assign(F.defaults(M), {view: "known"}), M), "us_1962");
  assert.equal(F.pageFor(Object.assign(F.defaults(M), {fig: "us_1962"}), M), "pages/en-a-us.json");
});

test("moments as the app reads them: a date alone is noon GMT, no zone is GMT, an offset is honoured", () => {
  assert.equal(F.parse("#t=1962-10-22", M, F.defaults(M)).state.t, T("1962-10-22T12:00Z"));
  assert.equal(F.parse("#t=1962-10-22T19:00", M, F.defaults(M)).state.t, T("1962-10-22T19:00Z"));
  assert.equal(F.parse("#t=1962-10-22T19:00-04:00", M, F.defaults(M)).state.t, T("1962-10-22T23:00Z"));
  assert.equal(F.parse("#t=1962-10-22T19:00%2B01:00", M, F.defaults(M)).state.t, T("1962-10-22T18:00Z"));
  assert.equal(F.iso(T("1962-10-22T23:00Z")), "1962-10-22T23:00Z");
  assert.equal(F.iso(T("1962-10-22T23:00:30Z")), "1962-10-22T23:00:30Z");
});

test("bad values are ignored with a note in the language asked for, quoted and cut", () => {
  const base = F.defaults(M);
  const r = F.parse("#lang=ja&t=yesterday&layers=ships,nukes&view=secret&fig=mine", M, base);
  assert.equal(r.state.t, base.t);
  assert.deepEqual(r.state.layers, ["ships"]);
  assert.equal(r.state.view, "actual");
  assert.equal(r.state.fig, "soviet");
  assert.deepEqual(r.notes, ["ja: time yesterday: unreadable", "ja: layers nukes", "ja: fig (mine) ignored",
                             "ja: view secret"]);
  assert.deepEqual(F.parse("#lang=fr", M, base).notes, ["en: lang (fr) ignored"]);
  assert.deepEqual(F.parse("#t=1961-01-01T00:00Z", M, base).notes, ["en: time 1961-01-01T00:00Z: outside"]);
  const long = "1".repeat(100);
  assert.deepEqual(F.parse("#t=" + long, M, base).notes, ["en: time " + "1".repeat(60) + "…: too long"]);
  assert.deepEqual(F.parse("#t=%E0%A4%A", M, base).notes, ["en: time %E0%A4%A: unreadable"]);
});

test("a bad moment or view gives the default one, as the note says; a bad language keeps the one shown", () => {
  const shown = Object.assign(F.defaults(M), {t: T("1962-10-27T18:00Z"), lang: "ja", view: "gap"});
  const r = F.parse("#t=soon&view=nowhere&lang=xx", M, shown);
  assert.equal(r.state.t, T(M.default_t));
  assert.equal(r.state.view, "actual");
  assert.equal(r.state.lang, "ja");
  assert.equal(r.notes.length, 3);
});

test("an absent key keeps the state shown (a pasted address that names only a moment)", () => {
  const shown = Object.assign(F.defaults(M), {lang: "ja", view: "gap", layers: ["ships"]});
  const r = F.parse("#t=1962-10-27T18:00Z", M, shown);
  assert.equal(r.state.lang, "ja");
  assert.equal(r.state.view, "gap");
  assert.deepEqual(r.state.layers, ["ships"]);
});

test("the period a moment's time bar shows, and a moment kept inside a period", () => {
  assert.equal(F.periodFor(T("1962-10-27T18:00Z"), M), "crisis");
  assert.equal(F.periodFor(T("1962-06-01T00:00Z"), M), "anadyr");
  assert.equal(F.periodFor(T("1963-01-01T00:00Z"), M), "epilogue");
  assert.equal(F.clampTo(T("1963-01-01T00:00Z"), "crisis", M), T("1962-11-21T23:00Z"));
});
