/* dgkg graph view: network, search, filters and details panel.
 *
 * All graph data comes from the JSON block #dgkg-data and reaches the page
 * through textContent only (never parsed as HTML), so no text from a document can
 * become markup or script. window.dgkgView exposes the network and its data
 * sets to tests and benchmarks.
 */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("dgkg-data").textContent);
  var SHAPE_GLYPHS = { dot: "●", square: "■", diamond: "◆", triangle: "▲", star: "★" };
  var MAX_RESULTS = 20;

  var byId = {};
  data.nodes.forEach(function (node) { byId[node.id] = node; });
  var edgesOf = {}, edgeById = {};
  data.edges.forEach(function (edge) {
    edgeById[edge.id] = edge;
    (edgesOf[edge.from] = edgesOf[edge.from] || []).push(edge);
    if (edge.to !== edge.from) (edgesOf[edge.to] = edgesOf[edge.to] || []).push(edge);
  });
  var typeLabel = {}, relationLabel = {};
  data.types.forEach(function (t) { typeLabel[t.name] = t.label; });
  data.relations.forEach(function (r) { relationLabel[r.name] = r.label; });

  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  // stableMs: from navigation start to a settled layout; layoutMs: from the network's creation
  var state = { stabilized: false, stableMs: null, layoutMs: null, hiddenTypes: {}, hiddenRelations: {} };
  var started = performance.now();
  var network = new vis.Network(document.getElementById("network"), { nodes: nodes, edges: edges }, data.options);
  window.dgkgView = { network: network, nodes: nodes, edges: edges, state: state, search: search, select: select };

  // ---- small DOM helpers: text goes in through textContent only ----
  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function setStatus(text, warn) {
    var status = document.getElementById("status");
    status.textContent = text;
    status.className = warn ? "warn" : "";
  }

  // ---- layout: physics runs a bounded number of iterations, then stops for good ----
  var loading = document.getElementById("loading");
  network.on("stabilizationProgress", function (p) {
    loading.textContent = "布局计算中… " + Math.round((100 * p.iterations) / p.total) + "%";
  });
  network.once("stabilizationIterationsDone", function () {
    network.setOptions({ physics: { enabled: false } });
    placeUnconnected();
    state.stabilized = true;
    state.stableMs = performance.now();
    state.layoutMs = state.stableMs - started;
    loading.hidden = true;
  });
  /* Entities without relations (kept out of the physics) go in rows under the graph, by type then name. */
  function placeUnconnected() {
    var lone = data.nodes.filter(function (node) { return !edgesOf[node.id]; });
    if (!lone.length) return;
    lone.sort(function (a, b) { return a.type < b.type ? -1 : a.type > b.type ? 1 : a.name < b.name ? -1 : 1; });
    var placed = network.getPositions(data.nodes.filter(function (node) { return edgesOf[node.id]; })
      .map(function (node) { return node.id; }));
    var ids = Object.keys(placed);
    var left = 0, right = 0, bottom = 0;
    if (ids.length) {
      left = Math.min.apply(null, ids.map(function (id) { return placed[id].x; }));
      right = Math.max.apply(null, ids.map(function (id) { return placed[id].x; }));
      bottom = Math.max.apply(null, ids.map(function (id) { return placed[id].y; })) + 150;
    }
    var step = 150;
    var columns = Math.max(Math.floor((right - left) / step) + 1, Math.ceil(Math.sqrt(lone.length * 2)));
    nodes.update(lone.map(function (node, i) {
      return { id: node.id, x: left + (i % columns) * step, y: bottom + Math.floor(i / columns) * 70 };
    }));
    network.fit();
  }
  if (data.nodes.length === 0) {
    loading.textContent = "图中没有实体。";
  }
  document.getElementById("summary").textContent =
    data.nodes.length + " 个实体 · " + data.edges.length + " 条关系";

  // ---- search by name or alias (substring; NFKC and case folded like the pipeline's text) ----
  function fold(text) { return String(text).normalize("NFKC").toLowerCase(); }
  var index = data.nodes.map(function (node) {
    return { node: node, keys: [node.name].concat(node.aliases).map(fold) };
  });

  /* Nodes whose name or an alias contains ``query``: exact matches first, then prefixes, then shorter names. */
  function search(query) {
    var q = fold(query).trim();
    if (!q) return [];
    var hits = [];
    index.forEach(function (entry) {
      var best = null;
      entry.keys.forEach(function (key, i) {
        var at = key.indexOf(q);
        if (at < 0) return;
        var rank = (key === q ? 0 : at === 0 ? 1 : 2) * 1000 + key.length;
        if (best === null || rank < best.rank) best = { rank: rank, alias: i === 0 ? null : entry.node.aliases[i - 1] };
      });
      if (best) hits.push({ node: entry.node, rank: best.rank, alias: best.alias });
    });
    hits.sort(function (a, b) { return a.rank - b.rank || (a.node.name < b.node.name ? -1 : 1); });
    return hits;
  }

  var searchBox = document.getElementById("search");
  var results = document.getElementById("search-results");
  function showResults() {
    clear(results);
    var hits = search(searchBox.value);
    hits.slice(0, MAX_RESULTS).forEach(function (hit) {
      var button = el("button", hit.node.name);
      button.type = "button";
      var sub = typeLabel[hit.node.type] || hit.node.type;
      if (hit.alias) sub = "别名 " + hit.alias + " · " + sub;
      button.appendChild(el("div", sub, "sub"));
      button.addEventListener("click", function () { select(hit.node.id); });
      var item = el("li");
      item.appendChild(button);
      results.appendChild(item);
    });
    if (searchBox.value.trim() && !hits.length) results.appendChild(el("li", "没有匹配的实体", "muted"));
    else if (hits.length > MAX_RESULTS) results.appendChild(el("li", "另有 " + (hits.length - MAX_RESULTS) + " 个结果", "muted"));
  }
  searchBox.addEventListener("input", showResults);
  searchBox.addEventListener("keydown", function (event) {
    if (event.key !== "Enter") return;
    var hits = search(searchBox.value);
    if (hits.length) select(hits[0].node.id);
  });

  /* Select and centre a node, showing its type again if a filter hid it, and fill the panel. */
  function select(id) {
    var node = byId[id];
    if (!node) return;
    if (state.hiddenTypes[node.type]) {
      document.querySelector('#type-filter input[value="' + CSS.escape(node.type) + '"]').checked = true;
      delete state.hiddenTypes[node.type];
      applyFilters();
    }
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: { duration: 400 } });
    showNode(id);
  }

  // ---- filters: entity types (never all hidden) and relation types (edges only) ----
  function addFilter(fieldsetId, item, glyph, colour, onChange) {
    var label = el("label");
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.value = item.name;
    box.addEventListener("change", function () { onChange(box); });
    label.appendChild(box);
    if (glyph) {
      var swatch = el("span", glyph, "swatch");
      swatch.style.color = colour;
      label.appendChild(swatch);
    }
    label.appendChild(el("span", item.label + (item.label !== item.name ? " " + item.name : "")));
    label.appendChild(el("span", item.count, "count"));
    document.getElementById(fieldsetId).appendChild(label);
  }
  data.types.forEach(function (t) {
    addFilter("type-filter", t, SHAPE_GLYPHS[t.shape] || "●", t.color, function (box) {
      var shown = data.types.filter(function (u) { return !state.hiddenTypes[u.name]; }).length;
      if (!box.checked && shown <= 1) {
        box.checked = true;  // hiding the last type would leave an empty canvas
        setStatus("至少保留一种实体类型。", true);
        return;
      }
      if (box.checked) delete state.hiddenTypes[t.name];
      else state.hiddenTypes[t.name] = true;
      applyFilters();
    });
  });
  data.relations.forEach(function (r) {
    addFilter("relation-filter", r, null, null, function (box) {
      if (box.checked) delete state.hiddenRelations[r.name];
      else state.hiddenRelations[r.name] = true;
      applyFilters();
    });
  });

  // what is hidden now, by node and edge id: cheaper than reading the data sets back
  var hiddenNode = {}, hiddenEdge = {};
  function applyFilters() {
    var nodeUpdates = [], edgeUpdates = [], shownNodes = 0, shownEdges = 0;
    data.nodes.forEach(function (node) {
      var hidden = !!state.hiddenTypes[node.type];
      if (!hidden) shownNodes++;
      if (!!hiddenNode[node.id] !== hidden) nodeUpdates.push({ id: node.id, hidden: hidden });
      hiddenNode[node.id] = hidden;
    });
    data.edges.forEach(function (edge) {
      var hidden = !!(state.hiddenRelations[edge.relation] || state.hiddenTypes[byId[edge.from].type] ||
                      state.hiddenTypes[byId[edge.to].type]);
      if (!hidden) shownEdges++;
      if (!!hiddenEdge[edge.id] !== hidden) edgeUpdates.push({ id: edge.id, hidden: hidden });
      hiddenEdge[edge.id] = hidden;
    });
    nodes.update(nodeUpdates);
    edges.update(edgeUpdates);
    var selected = network.getSelectedNodes().filter(function (id) { return !state.hiddenTypes[byId[id].type]; });
    network.selectNodes(selected);
    setStatus("显示 " + shownNodes + " / " + data.nodes.length + " 个实体，" +
              shownEdges + " / " + data.edges.length + " 条关系。", false);
  }

  // ---- details panel ----
  var panel = document.getElementById("panel");
  function row(list, term, value) {
    if (value === undefined || value === null || value === "" || (value.length === 0)) return;
    list.appendChild(el("dt", term));
    var dd = el("dd");
    if (Array.isArray(value)) {
      var ul = el("ul", null, "plain");
      value.forEach(function (v) { ul.appendChild(el("li", v)); });
      dd.appendChild(ul);
    } else {
      dd.textContent = value;
    }
    list.appendChild(dd);
  }
  function nodeLink(id) {
    var button = el("button", byId[id].name, "link");
    button.type = "button";
    button.addEventListener("click", function () { select(id); });
    return button;
  }
  function relationBlock(edge, fromId) {
    var block = el("div", null, "relation");
    var head = el("div", null, "head");
    var name = (relationLabel[edge.relation] || edge.relation) + " (" + edge.relation + ")";
    if (fromId === undefined) {
      head.appendChild(nodeLink(edge.from));
      head.appendChild(document.createTextNode(" → " + name + " → "));
      head.appendChild(nodeLink(edge.to));
    } else if (edge.from === fromId) {
      head.appendChild(document.createTextNode("→ " + name + " → "));
      head.appendChild(nodeLink(edge.to));
    } else {
      head.appendChild(document.createTextNode("← " + name + " ← "));
      head.appendChild(nodeLink(edge.from));
    }
    block.appendChild(head);
    if (edge.roles.length) block.appendChild(el("div", "职务：" + edge.roles.join("；"), "muted roles"));
    var evidence = el("ol", null, "evidence");
    edge.evidence.forEach(function (pair) {
      var item = el("li");
      item.appendChild(el("span", pair[0], "doc"));
      item.appendChild(el("span", pair[1], "sentence"));
      evidence.appendChild(item);
    });
    block.appendChild(evidence);
    return block;
  }
  function showNode(id) {
    var node = byId[id];
    clear(panel);
    panel.appendChild(el("h2", node.name));
    var facts = el("dl");
    row(facts, "类型", (typeLabel[node.type] || node.type) + " (" + node.type + ")" + (node.subtype ? " · " + node.subtype : ""));
    row(facts, "别名", node.aliases);
    row(facts, "行政区划代码", node.code ? node.code + " (GB/T 2260)" : "");
    row(facts, "提及文档", node.docs);
    panel.appendChild(facts);
    var own = edgesOf[id] || [];
    panel.appendChild(el("h3", "关系 (" + own.length + ")"));
    if (!own.length) panel.appendChild(el("p", "没有关系。", "muted"));
    own.forEach(function (edge) { panel.appendChild(relationBlock(edge, id)); });
    panel.scrollTop = 0;
  }
  function showEdge(id) {
    var edge = edgeById[id];
    clear(panel);
    panel.appendChild(el("h2", "关系"));
    panel.appendChild(relationBlock(edge));
  }
  network.on("click", function (params) {
    if (params.nodes.length) showNode(params.nodes[0]);
    else if (params.edges.length) showEdge(params.edges[0]);
  });
})();
