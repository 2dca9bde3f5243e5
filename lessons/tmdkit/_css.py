"""The lesson's one stylesheet, shown once after the toolbar (and on every printed page)."""

CSS = """<style>
/* Items read at 15 px: ipywidgets sizes its text (prompts, options, feedback, buttons) by this
   variable, 13 px by default, which a projector's back row cannot read. */
.tmd-item, .tmd-subitem {border-left: 4px solid #0072B2; padding: 6px 12px; margin: 10px 0;
  font-size: 15px; --jp-widgets-font-size: 15px; max-width: 100%;}
.tmd-subitem {border-left-color: #56B4E9;}
/* An item is one box: a grid puts the buttons side by side without a wrapper box per row. */
.widget-box.tmd-item, .widget-box.tmd-subitem {display: grid !important;
  grid-template-columns: auto auto 1fr; column-gap: 6px; row-gap: 2px; align-items: start;}
.tmd-item > *, .tmd-subitem > * {grid-column: 1 / -1; max-width: 100%;}
.tmd-item > .tmd-check, .tmd-subitem > .tmd-check, .tmd-item > .tmd-up, .tmd-subitem > .tmd-up
  {grid-column: 1; margin-top: 4px;}
.tmd-item > .tmd-hint, .tmd-subitem > .tmd-hint, .tmd-item > .tmd-down, .tmd-subitem > .tmd-down
  {grid-column: 2; margin-top: 4px;}
.tmd-check, .tmd-hint, .tmd-up, .tmd-down {width: auto; min-width: 8em;}
.tmd-item label, .tmd-item .widget-label, .tmd-order .widget-label {white-space: normal !important;
  height: auto !important; line-height: 1.35;}
.tmd-item .widget-radio-box label {margin: 3px 0;}
.tmd-item .widget-checkbox, .tmd-subitem .widget-checkbox {height: auto !important; align-items: flex-start;
  margin: 3px 0;}
.tmd-order select {height: auto !important; min-width: min(20em, 100%); max-width: 100%;}
.tmd-q {font-weight: 600; margin-bottom: 4px;}
.tmd-map-legend {list-style: none; display: flex; flex-wrap: wrap; gap: 4px 18px; padding: 0;
  margin: 4px 0; font-size: 14px;}
.tmd-map-legend li {display: flex; align-items: center; gap: 6px;}
.tmd-swatch {display: inline-block; width: 28px; height: 16px; border: 1px solid #333; flex: none;
  -webkit-print-color-adjust: exact; print-color-adjust: exact;}
.tmd-refs {font-size: 13px; color: #555;}
.tmd-fb {padding: 6px 10px; margin-top: 4px; border-radius: 4px; background: #f4f4f4;}
.tmd-fb-right {background: #e6f4ea;} .tmd-fb-wrong {background: #fdecea;}
.tmd-fb-partial {background: #fff4e0;} .tmd-fb-invalid {background: #eef2f7;}
.tmd-fb span {font-weight: 700;}
.tmd-answer-box {border: 1px dashed #777; padding: 6px 10px; margin-top: 4px;}
.tmd-essay {font-family: Georgia, 'DejaVu Serif', serif; font-size: 17px; line-height: 1.6;
  background: #fbf8ef; border-left: 5px solid #E69F00; padding: 10px 16px;}
.tmd-translation {font-family: sans-serif; font-size: 15px; color: #333; font-style: italic;
  margin: -6px 0 10px 18px;}
.tmd-fix {text-decoration: none; border-bottom: 2px dotted #D55E00;}
.tmd-term {text-decoration: underline dotted; cursor: help;}
.tmd-check-box {border: 1px solid #bbb; border-left: 6px solid #999; padding: 6px 12px; margin: 8px 0;}
.tmd-verdict--wrong {border-left-color: #D55E00;} .tmd-verdict--dated {border-left-color: #CC79A7;}
.tmd-verdict--partly {border-left-color: #E69F00;} .tmd-verdict--verified {border-left-color: #009E73;}
.tmd-check-head {font-size: 13px; color: #444;}
.tmd-toolbar {border-bottom: 1px solid #ccc; padding-bottom: 4px;}
.tmd-progress {font-weight: 600;}
.tmd-teacher-notes {background: #f0f0ff; padding: 6px 12px;}
/* lesson panels: toolbar, results, essay checker, exam block (tmdkit._toolbar, _results_panel…) */
.tmd-toolbar {display: flex; flex-flow: row wrap; align-items: center; gap: 2px 8px;}
.tmd-toolbar > .tmd-title {flex: 0 0 100%;}
.tmd-teacher, .tmd-results .widget-button, .tmd-coverage .widget-button {width: auto !important;
  max-width: 100%; height: auto !important; min-height: var(--jp-widgets-inline-height, 28px);
  white-space: normal !important; overflow: visible !important;}
.tmd-results {display: flex; flex-flow: row wrap; align-items: center; gap: 4px 10px;}
.tmd-results > .tmd-results-summary, .tmd-results > .tmd-results-actions {flex: 0 0 100%;}
.tmd-results .tmd-name {flex: 0 1 26em; max-width: 100%; width: auto;}
.tmd-summary {display: block; width: 100%; box-sizing: border-box; font-family: monospace;
  font-size: 14px; resize: vertical;}
.tmd-download {display: inline-block; padding: 4px 12px; margin: 4px 0; border: 1px solid #0072B2;
  border-radius: 3px; color: #00558a; background: #fff; text-decoration: none; white-space: normal;}
.tmd-download-off {border-style: dashed; color: #555;}
.tmd-save-status {margin-top: 4px;}
.tmd-coverage .tmd-essay-input, .tmd-coverage textarea {width: 100%; box-sizing: border-box;}
.tmd-coverage > .widget-button {align-self: flex-start;}
.tmd-coverage-verdict {font-size: 17px; font-weight: 700; padding: 6px 10px; margin: 6px 0;
  border-radius: 4px;}
.tmd-coverage-verdict.tmd-verdict-wrong {background: #fdecea;}
.tmd-coverage-verdict.tmd-verdict-right {background: #e6f4ea;}
.tmd-quote {font-style: italic; color: #333;}
.tmd-block-score {font-size: 18px; font-weight: 700; padding: 6px 12px; border: 2px solid #0072B2;
  display: inline-block; margin: 8px 0;}
/* Layout: no control of the lesson is cut off at 1024 px in any language
   (tests/browser/test_layout.py). A button sizes to its label (never narrower than ipywidgets'
   148 px) and wraps it rather than ending it in "…"; a row of toggle buttons wraps onto a second
   line rather than squeezing them. Scoped to outputs, where the lesson's widgets are. */
.jp-OutputArea-output .jupyter-widgets.jupyter-button {width: auto; max-width: 100%;
  height: auto; min-height: var(--jp-widgets-inline-height, 28px); line-height: 1.3;
  padding-top: 4px; padding-bottom: 4px; white-space: normal; overflow-wrap: anywhere;
  text-overflow: clip; flex-shrink: 0; align-self: flex-start;}
.jp-OutputArea-output .jupyter-widgets.jupyter-button:not([style*="width"]) {
  min-width: var(--jp-widgets-inline-width-short, 148px);}
/* a text box of width 100% keeps its 2 px margins inside the output, its right border shown */
.jp-OutputArea-output .jupyter-widgets.widget-inline-hbox {
  max-width: calc(100% - 2 * var(--jp-widgets-margin, 2px));}
.jp-OutputArea-output .jupyter-widgets.widget-toggle-buttons {flex-wrap: wrap; row-gap: 4px;}
/* phones (390 px): nothing in an item, the toolbar or the results is wider than its box, so nothing
   scrolls sideways. A control's own width (an answer box is 30em) never widens the item's grid, and a
   full-width row leaves room for ipywidgets' 2px margins. */
.tmd-item > *, .tmd-subitem > * {min-width: 0 !important;}
.widget-box.tmd-item, .widget-box.tmd-subitem {grid-template-columns: auto auto minmax(0, 1fr);}
.tmd-item .widget-text, .tmd-subitem .widget-text {
  max-width: calc(100% - 2 * var(--jp-widgets-margin, 2px)) !important;}
.tmd-toolbar > .tmd-title, .tmd-results > .tmd-results-summary, .tmd-results > .tmd-results-actions {
  flex-basis: calc(100% - 2 * var(--jp-widgets-margin, 2px)) !important;}
/* An option's label wraps with a hanging indent: the radio circle or checkbox first, every line of
   text after it (ipywidgets puts a radio's input after its text and floats it, so the circle of a
   label that wraps fell below its first line). A one-line label looks as before. */
.tmd-item .widget-radio-box label, .tmd-item .widget-checkbox .widget-label-basic {display: flex;
  align-items: flex-start; height: auto !important; white-space: normal !important;}
.tmd-item .widget-radio-box input {order: -1; float: none; flex: none;}
.tmd-item .widget-checkbox input[type="checkbox"] {flex: none; align-self: flex-start;
  font-size: inherit; height: 13px; margin-top: calc((1.35em - 13px) / 2);}
.tmd-item .widget-checkbox .widget-label-basic > span {flex: 1 1 auto; min-width: 0;}
/* A match row's label and its dropdown (and the chronology list) share a line while the dropdown
   keeps 8.5em (it shows "— choose —"); on a narrow screen it moves under its label, full width,
   instead of past the item's edge. */
.tmd-item .widget-dropdown, .tmd-item .widget-select {flex-wrap: wrap; height: auto; row-gap: 2px;}
.tmd-item .widget-dropdown > .widget-label, .tmd-item .widget-select > .widget-label {
  flex: 0 1 auto; min-width: 0; text-align: left;}
.tmd-item .widget-dropdown > select {height: var(--jp-widgets-inline-height, 28px);
  flex: 1 1 8.5em; min-width: min(8.5em, 100%);}
/* Reading text: ipywidgets sets an HTML widget's text in lines 28 px apart (a control's height,
   to line it up with a button beside it), loose for prose, feedback and captions; ours read at
   1.45 of their size. Buttons, dropdowns and text boxes keep ipywidgets' heights. */
.jp-OutputArea-output .widget-html > .widget-html-content,
.jp-OutputArea-output .jupyter-widget-html > .jupyter-widget-html-content {line-height: 1.45;}
/* A chronology row wraps inside the item with every word shown (never cut, never "…"), its number
   hanging in front and a rule between rows; the list grows to fit its rows where the browser can
   (field-sizing) and scrolls where it cannot. Its words are joined by a breakable space (see
   items/order.py): ipywidgets writes a list row's spaces as no-break spaces. */
.tmd-order select {field-sizing: content;}
.tmd-order option {white-space: normal; overflow-wrap: anywhere;
  padding: 4px 4px 4px calc(4px + 1.2em); text-indent: -1.2em; border-bottom: 1px solid #ddd;}
.tmd-order option:last-child {border-bottom: none;}
/* A figure's text alternative: its table, when wider than a phone, scrolls inside its own box
   (a data table needs its columns side by side), never the figure and legend with it; cells read
   from the start of the line, top-aligned, as prose does. */
.jp-OutputArea-output .tmd-alt {overflow-x: auto;}
.jp-OutputArea-output .tmd-alt table {table-layout: auto; margin: 0 0 1em;}
.jp-OutputArea-output .tmd-alt :is(td, th) {text-align: start; vertical-align: top;}
/* A figure on a narrow screen (a phone): plotly lays it out at its box's width, which left the
   timeline 106 px for a 35-year axis and cut the map's state names. Where its box is under 560 px
   it keeps the width its layout plans for (the timeline: a plot area of 680 px, PLOT_PX in
   _timeline_layout, in every language beside its lane names; the map: its callouts' names inside
   it) and scrolls sideways inside its own box; its legend and text alternative stay at the screen's
   width. A laptop's figures are unchanged (tests/browser/test_layout.py). The keyboard reaches the
   box through the figure's mode bar buttons inside it. */
.tmd-figure {container: tmd-figure / inline-size;}
@container tmd-figure (max-width: 560px) {
  .tmd-figure .jp-OutputArea-child:has(> .js-plotly-plot) {overflow-x: auto;}
  .tmd-figure .js-plotly-plot {min-width: 880px;}
  .tmd-figure:has(.tmd-map-legend) .js-plotly-plot {min-width: 740px;}
}
</style>"""
