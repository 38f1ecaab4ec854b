// The compose page: checks the reply as the agent types and underlines findings.
//
// Offsets: the API returns start_utf16/end_utf16 because JavaScript strings and a
// textarea's selection count UTF-16 code units; every slice below uses them.
// Text from the server is only ever put into the page with textContent, never
// as HTML, so a reply cannot inject markup.
"use strict";

(function () {
  const DEBOUNCE_MS = 250;
  const SEVERITY_RANK = { info: 0, warning: 1, error: 2 };
  const SEVERITY_LABEL = { info: "Info", warning: "Warning", error: "Error" };

  const $ = (id) => document.getElementById(id);
  const form = $("compose");
  const reply = $("reply");
  const backdrop = $("backdrop");
  const card = $("card");
  const list = $("findings");
  const summary = $("summary");
  const send = $("send");
  const sendHelp = $("send-help");
  const sent = $("sent");
  const contextFields = {
    customer_name: $("customer-name"),
    agent_name: $("agent-name"),
    channel: $("channel"),
    inbound: $("inbound"),
  };

  const state = {
    findings: [],       // the findings shown, each with id, raw (the words as checked)
    ok: true,           // the server's verdict on the last checked text
    pending: false,     // the text changed and has not been checked yet
    serviceError: null, // message when the last check failed
    dismissed: [],      // {code, hash, reason}: sent with every check, kept only here
    listSignature: "",
    cardId: null,
    cardBy: null,       // "hover" or "caret": what opened the card
    escapedAt: null,    // caret position where Escape closed the card; stays closed there
  };
  let timer = null;
  let sequence = 0;
  let inflight = null;

  // ------------------------------------------------------------------ checking
  function readContext() {
    const context = {};
    for (const [name, field] of Object.entries(contextFields)) {
      const value = field.value.trim();
      if (value) context[name] = value;
    }
    return context;
  }

  function scheduleCheck(delay) {
    clearTimeout(timer);
    state.pending = true;
    updateSend();
    timer = setTimeout(runCheck, delay === undefined ? DEBOUNCE_MS : delay);
  }

  async function runCheck() {
    const text = reply.value;
    const mine = ++sequence;
    if (inflight) inflight.abort();
    if (!text.trim()) {
      inflight = null;
      showResult(text, { ok: true, findings: [] });
      return;
    }
    inflight = new AbortController();
    list.setAttribute("aria-busy", "true");
    try {
      const response = await fetch("v1/check", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ text, context: readContext(), dismissed: state.dismissed }),
        signal: inflight.signal,
      });
      const data = await response.json();
      if (mine !== sequence) return; // a newer check is on its way
      if (!response.ok) {
        showServiceError(text, (data.error && data.error.message) || response.statusText);
        return;
      }
      showResult(text, data);
    } catch (error) {
      if (error.name === "AbortError" || mine !== sequence) return;
      showServiceError(text, "the check service did not answer");
    }
  }

  function showResult(text, data) {
    state.pending = reply.value !== text;
    state.serviceError = null;
    state.ok = data.ok;
    state.findings = data.findings.map((f) => ({
      ...f,
      id: `${f.code}:${f.start_utf16}:${f.end_utf16}`,
      raw: text.slice(f.start_utf16, f.end_utf16),
    }));
    if (state.pending) dropStaleFindings(); // typed on while this check ran
    list.removeAttribute("aria-busy");
    render();
  }

  function showServiceError(text, message) {
    // Fail open: a check service that is down must not stop every agent from
    // answering. The page says so plainly instead of blocking silently.
    state.pending = reply.value !== text;
    state.serviceError = message;
    state.findings = [];
    state.ok = true;
    list.removeAttribute("aria-busy");
    render();
  }

  // While the agent types, keep only the findings whose words are still exactly
  // where they were; the debounced check brings the rest back at their new place.
  function dropStaleFindings() {
    const text = reply.value;
    state.findings = state.findings.filter((f) => text.slice(f.start_utf16, f.end_utf16) === f.raw);
  }

  // ------------------------------------------------------------------ rendering
  function render() {
    renderBackdrop();
    const signature = state.findings.map((f) => f.id).join("|") + `#${state.ok}#${state.serviceError}`;
    if (signature !== state.listSignature) {
      // Re-render the list only when it really changed, so the live region does
      // not re-announce the same findings on every keystroke.
      state.listSignature = signature;
      renderList();
      renderSummary();
    }
    if (state.cardId && !findingById(state.cardId)) hideCard();
    updateSend();
  }

  function renderBackdrop() {
    const text = reply.value;
    const spans = state.findings.filter((f) => f.end_utf16 > f.start_utf16);
    const cuts = new Set([0, text.length]);
    for (const f of spans) {
      cuts.add(f.start_utf16);
      cuts.add(f.end_utf16);
    }
    const points = [...cuts].filter((p) => p >= 0 && p <= text.length).sort((a, b) => a - b);
    const fragment = document.createDocumentFragment();
    for (let i = 0; i < points.length - 1; i++) {
      const from = points[i];
      const to = points[i + 1];
      const piece = text.slice(from, to);
      const covering = spans.filter((f) => f.start_utf16 <= from && f.end_utf16 >= to);
      if (!covering.length) {
        fragment.append(piece);
        continue;
      }
      const mark = document.createElement("mark");
      const worst = covering.reduce((a, b) => (SEVERITY_RANK[b.severity] > SEVERITY_RANK[a.severity] ? b : a));
      mark.className = `sev-${worst.severity}`;
      mark.dataset.ids = covering.map((f) => f.id).join(" ");
      mark.textContent = piece;
      fragment.append(mark);
    }
    // A final newline takes no height in a div but does in a textarea.
    if (text.endsWith("\n")) fragment.append(" ");
    backdrop.replaceChildren(fragment);
    syncBackdrop();
  }

  function syncBackdrop() {
    const style = getComputedStyle(reply);
    backdrop.style.top = style.borderTopWidth;
    backdrop.style.left = style.borderLeftWidth;
    backdrop.style.width = `${reply.clientWidth}px`;
    backdrop.style.height = `${reply.clientHeight}px`;
    backdrop.scrollTop = reply.scrollTop;
    backdrop.scrollLeft = reply.scrollLeft;
  }

  function renderSummary() {
    summary.classList.remove("blocked");
    if (state.serviceError) {
      summary.textContent = `Could not check this reply (${state.serviceError}). Sending is not blocked.`;
      return;
    }
    const counts = { error: 0, warning: 0, info: 0 };
    for (const f of state.findings) counts[f.severity] += 1;
    const total = state.findings.length;
    if (!total) {
      summary.textContent = reply.value.trim() ? "No problems found." : "";
      return;
    }
    const parts = ["error", "warning", "info"]
      .filter((s) => counts[s])
      .map((s) => `${counts[s]} ${s}${counts[s] > 1 ? "s" : ""}`);
    let text = `${total} finding${total > 1 ? "s" : ""}: ${parts.join(", ")}.`;
    if (!state.ok) {
      text += " Sending is blocked until the errors are fixed or dismissed.";
      summary.classList.add("blocked");
    }
    summary.textContent = text;
  }

  function renderList() {
    list.replaceChildren(
      ...state.findings.map((f, index) => {
        const item = document.createElement("li");
        item.className = `finding sev-${f.severity}`;
        item.dataset.id = f.id;
        item.append(...findingBody(f, `item${index}`, true));
        item.addEventListener("mouseenter", () => highlight(f.id, true));
        item.addEventListener("mouseleave", () => highlight(f.id, false));
        item.addEventListener("focusin", () => highlight(f.id, true));
        item.addEventListener("focusout", () => highlight(f.id, false));
        return item;
      })
    );
  }

  // The content shared by a list item and the hover card: what, why, the fix.
  function findingBody(f, prefix, withGoTo) {
    const nodes = [];
    const head = document.createElement("p");
    head.className = "finding-head";
    if (prefix === "card") head.id = "card-title";
    const badge = document.createElement("span");
    badge.className = "badge";
    badge.textContent = SEVERITY_LABEL[f.severity] || f.severity;
    const code = document.createElement("code");
    code.textContent = f.code;
    const quote = document.createElement("span");
    quote.className = "quote";
    quote.textContent = f.text ? `“${f.text}”` : "";
    head.append(badge, " ", code, ` ${f.slug} `, quote);
    nodes.push(head);

    nodes.push(paragraph("message", f.message));
    if (f.why) nodes.push(paragraph("why", `Why: ${f.why}`));
    if (f.suggestion) nodes.push(paragraph("suggestion", `Suggestion: ${f.suggestion}`));

    const actions = document.createElement("div");
    actions.className = "finding-actions";
    if (withGoTo && f.end_utf16 > f.start_utf16) {
      actions.append(button("Show in reply", () => goTo(f), `Show the words of ${f.code} in the reply`));
    }
    if (f.applicability === "safe" && f.replacement !== null && f.replacement !== undefined) {
      const apply = button("Apply fix", () => applyFix(f), `Apply the fix for ${f.code}`);
      apply.classList.add("primary");
      actions.append(apply);
    }
    let dismissForm = null;
    if (f.hash) {
      dismissForm = buildDismissForm(f, prefix);
      const toggle = button("Dismiss…", () => {
        const opening = dismissForm.hidden;
        dismissForm.hidden = !opening;
        toggle.setAttribute("aria-expanded", String(opening));
        if (opening) dismissForm.querySelector("input").focus();
      }, `Dismiss ${f.code} with a reason`);
      toggle.setAttribute("aria-expanded", "false");
      toggle.setAttribute("aria-controls", dismissForm.id);
      actions.append(toggle);
    }
    if (f.url) {
      const link = document.createElement("a");
      link.href = f.url;
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      link.textContent = `About ${f.code}`;
      actions.append(link);
    }
    nodes.push(actions);
    if (dismissForm) nodes.push(dismissForm);
    return nodes;
  }

  function buildDismissForm(f, prefix) {
    const box = document.createElement("div");
    box.className = "dismiss-form";
    box.id = `${prefix}-dismiss`;
    box.hidden = true;
    const label = document.createElement("label");
    label.htmlFor = `${prefix}-reason`;
    label.textContent = "Reason";
    const input = document.createElement("input");
    input.id = `${prefix}-reason`;
    input.type = "text";
    input.setAttribute("list", "dismiss-reasons");
    input.maxLength = 500;
    input.autocomplete = "off";
    const problem = document.createElement("p");
    problem.className = "dismiss-error";
    problem.id = `${prefix}-reason-error`;
    problem.setAttribute("role", "alert");
    input.setAttribute("aria-describedby", problem.id);
    const confirm = button("Dismiss finding", () => {
      const reason = input.value.trim();
      if (!reason) {
        problem.textContent = "Say why this finding does not apply.";
        input.setAttribute("aria-invalid", "true");
        input.focus();
        return;
      }
      dismiss(f, reason);
    });
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        event.preventDefault(); // Enter dismisses, it must not submit (send) the reply
        confirm.click();
      }
    });
    box.append(label, input, confirm, problem);
    return box;
  }

  function paragraph(className, text) {
    const p = document.createElement("p");
    p.className = className;
    p.textContent = text;
    return p;
  }

  function button(text, onClick, label) {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = text;
    if (label) b.setAttribute("aria-label", label);
    b.addEventListener("click", onClick);
    return b;
  }

  function updateSend() {
    const empty = !reply.value.trim();
    const openErrors = state.findings.some((f) => f.severity === "error");
    const blocked = !state.serviceError && (!state.ok || openErrors);
    send.disabled = empty || state.pending || blocked;
    if (empty) sendHelp.textContent = "Write a reply to send it.";
    else if (state.pending) sendHelp.textContent = "Checking…";
    else if (blocked) sendHelp.textContent = "Fix or dismiss the errors to send.";
    else sendHelp.textContent = "";
  }

  // ------------------------------------------------------------------ actions
  function findingById(id) {
    return state.findings.find((f) => f.id === id) || null;
  }

  function isCurrent(f) {
    return reply.value.slice(f.start_utf16, f.end_utf16) === f.raw;
  }

  function applyFix(f) {
    if (!isCurrent(f)) return; // the words moved; the next check brings a fresh fix
    reply.setRangeText(f.replacement, f.start_utf16, f.end_utf16, "end");
    hideCard();
    reply.focus();
    afterEdit(0);
    summary.textContent = `Applied the fix for ${f.code}.`;
  }

  function dismiss(f, reason) {
    state.dismissed.push({ code: f.code, hash: f.hash, reason });
    state.findings = state.findings.filter((x) => x.id !== f.id);
    hideCard();
    reply.focus();
    render();
    scheduleCheck(0); // the server recomputes whether sending is still blocked
  }

  function goTo(f) {
    reply.focus();
    reply.setSelectionRange(f.start_utf16, f.end_utf16);
    showCardFor(f.id, "caret");
  }

  function afterEdit(delay) {
    sent.textContent = "";
    dropStaleFindings();
    render();
    scheduleCheck(delay);
  }

  // ------------------------------------------------------------------ the card
  function marksFor(id) {
    return [...backdrop.querySelectorAll("mark")].filter((m) => m.dataset.ids.split(" ").includes(id));
  }

  function highlight(id, on) {
    for (const mark of marksFor(id)) mark.classList.toggle("active", on);
  }

  function showCardFor(id, by) {
    const f = findingById(id);
    const marks = marksFor(id);
    if (!f || !marks.length) return;
    if (state.cardId === id && !card.hidden) {
      state.cardBy = by;
      return;
    }
    state.cardId = id;
    state.cardBy = by;
    card.className = `card sev-${f.severity}`;
    card.replaceChildren(...findingBody(f, "card", false));
    for (const item of list.children) item.classList.toggle("current", item.dataset.id === id);
    card.hidden = false;
    placeCard(marks[marks.length - 1]);
  }

  function placeCard(mark) {
    const area = card.parentElement.getBoundingClientRect();
    const rect = mark.getBoundingClientRect();
    const top = rect.bottom - area.top + 6;
    const left = Math.max(0, Math.min(rect.left - area.left, area.width - card.offsetWidth));
    card.style.top = `${top}px`;
    card.style.left = `${left}px`;
  }

  function hideCard() {
    card.hidden = true;
    state.cardId = null;
    state.cardBy = null;
    for (const item of list.children) item.classList.remove("current");
  }

  // The marks sit under the textarea, so the pointer is hit-tested against their
  // boxes by hand.
  function findingAtPoint(x, y) {
    let best = null;
    for (const mark of backdrop.querySelectorAll("mark")) {
      for (const r of mark.getClientRects()) {
        if (x >= r.left && x <= r.right && y >= r.top && y <= r.bottom) {
          const ids = mark.dataset.ids.split(" ");
          for (const id of ids) {
            const f = findingById(id);
            if (f && (!best || SEVERITY_RANK[f.severity] > SEVERITY_RANK[best.severity])) best = f;
          }
        }
      }
    }
    return best;
  }

  function findingAtCaret() {
    if (reply.selectionStart !== reply.selectionEnd) return null;
    const at = reply.selectionStart;
    const hits = state.findings.filter((f) => f.end_utf16 > f.start_utf16 && at >= f.start_utf16 && at <= f.end_utf16);
    return hits.reduce((a, b) => (!a || SEVERITY_RANK[b.severity] > SEVERITY_RANK[a.severity] ? b : a), null);
  }

  let hideTimer = null;
  function hideSoon() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(() => {
      if (state.cardBy === "hover" && !card.matches(":hover") && !card.contains(document.activeElement)) hideCard();
    }, 400);
  }

  let pointerFrame = 0;
  reply.addEventListener("mousemove", (event) => {
    if (pointerFrame) return;
    pointerFrame = requestAnimationFrame(() => {
      pointerFrame = 0;
      const f = findingAtPoint(event.clientX, event.clientY);
      if (f) {
        clearTimeout(hideTimer);
        showCardFor(f.id, "hover");
      } else if (state.cardBy === "hover") {
        hideSoon();
      }
    });
  });
  reply.addEventListener("mouseleave", () => {
    if (state.cardBy === "hover") hideSoon();
  });
  card.addEventListener("mouseenter", () => clearTimeout(hideTimer));
  card.addEventListener("mouseleave", () => {
    if (state.cardBy === "hover") hideSoon();
  });

  function caretMoved() {
    if (document.activeElement !== reply) return;
    if (state.escapedAt !== null) {
      if (reply.selectionStart === state.escapedAt) return;
      state.escapedAt = null;
    }
    const f = findingAtCaret();
    if (f) showCardFor(f.id, "caret");
    else if (state.cardBy === "caret") hideCard();
  }
  document.addEventListener("selectionchange", caretMoved);
  reply.addEventListener("keyup", caretMoved);
  reply.addEventListener("click", caretMoved);

  // The card stays while focus is in it (Tab from the reply reaches its buttons).
  form.addEventListener("focusout", (event) => {
    const to = event.relatedTarget;
    if (state.cardBy === "caret" && to !== reply && !card.contains(to)) hideCard();
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !card.hidden) {
      const inCard = card.contains(document.activeElement);
      if (state.cardBy === "caret") state.escapedAt = reply.selectionStart;
      hideCard();
      if (inCard) reply.focus();
    }
  });

  // ------------------------------------------------------------------ wiring
  reply.addEventListener("input", () => afterEdit());
  reply.addEventListener("scroll", syncBackdrop);
  new ResizeObserver(syncBackdrop).observe(reply);
  window.addEventListener("resize", syncBackdrop);
  for (const field of Object.values(contextFields)) {
    field.addEventListener(field.tagName === "SELECT" ? "change" : "input", () => scheduleCheck());
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    updateSend();
    if (send.disabled) return;
    const detail = { text: reply.value, context: readContext() };
    // An embedding page listens for this and hands the reply to its helpdesk.
    form.dispatchEvent(new CustomEvent("replylint:send", { detail, bubbles: true }));
    reply.value = "";
    state.dismissed = [];
    afterEdit(0);
    sent.textContent = "Reply sent.";
  });

  render();
  if (reply.value) scheduleCheck(0);
})();
