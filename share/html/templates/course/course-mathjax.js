// MathJax 2.7's configuration for the course site (tools/make_html.py copies this file to
// build/html/ and every page loads it before mathjax/MathJax.js). The MathJax that the
// jupyter-server-mathjax package ships has the STIX-Web fonts only, not MathJax's TeX fonts:
// without webFont: "STIX-Web" a formula with a prime (g'(z)) fails to typeset.
window.MathJax = {
  TeX: {equationNumbers: {autoNumber: "AMS", useLabelIds: true}},
  tex2jax: {
    inlineMath: [["$", "$"], ["\\(", "\\)"]],
    displayMath: [["$$", "$$"], ["\\[", "\\]"]],
    processEscapes: true,
    processEnvironments: true
  },
  displayAlign: "center",
  messageStyle: "none",
  "HTML-CSS": {
    availableFonts: [], preferredFont: null, webFont: "STIX-Web", imageFont: null,
    linebreaks: {automatic: true}
  },
  SVG: {font: "STIX-Web"},
  MathMenu: {showFontMenu: false}
};
