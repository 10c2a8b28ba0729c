/* Check-in page: ask the phone for its position, fill the hidden fields, then send the form.
 * Without JavaScript the form posts as it is (no location); the server decides what to flag.
 *
 * Without a connection the check-in is kept in the phone (localStorage, per employee) with the
 * phone's time and position and a 32-hex id made here, and sent as JSON to data-send-url as
 * soon as the connection is back (on this page's load and on the browser's "online" event).
 * The server stores it once whatever the number of tries (the id), with both times, and marks
 * it sent late when it arrived long after it was taken. */
(function () {
  "use strict";
  var form = document.getElementById("checkin-form");
  if (!form) { return; }
  var status = document.getElementById("checkin-status");
  var poor = parseFloat(form.dataset.poorAccuracy || "100");
  var ready = false;   // true once the fields are filled (or the user chose to send without)
  var busy = false;

  function field(name) { return form.querySelector("input[name='" + name + "']"); }

  function say(text, tone, actions) {
    status.hidden = false;
    status.className = "checkin-status" + (tone ? " checkin-" + tone : "");
    status.textContent = "";
    var p = document.createElement("p");
    p.textContent = text;
    status.appendChild(p);
    (actions || []).forEach(function (a) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = a.secondary ? "secondary outline" : "";
      b.textContent = a.label;
      b.addEventListener("click", a.run);
      status.appendChild(b);
    });
  }

  function setButtons(disabled) {
    form.querySelectorAll("button[name='kind']").forEach(function (b) { b.disabled = disabled; });
  }

  function send(submitter) {
    if (!navigator.onLine) { keep(submitter.value); return; }
    ready = true;
    setButtons(false);
    if (form.requestSubmit) { form.requestSubmit(submitter); }
    else { submitter.click(); }
  }

  // -- kept while offline ------------------------------------------------------------------------
  var KEY = "wfh-checkins-" + (form.dataset.employee || "");
  var sendUrl = form.dataset.sendUrl;
  var queueBox = document.getElementById("offline-queue");
  var flushing = false;

  function readQueue() {
    try { return JSON.parse(window.localStorage.getItem(KEY) || "[]"); } catch (e) { return []; }
  }

  function writeQueue(items) {
    if (items.length) { window.localStorage.setItem(KEY, JSON.stringify(items)); }
    else { window.localStorage.removeItem(KEY); }
    showQueue(items);
  }

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  function isoWithOffset(d) {
    var off = -d.getTimezoneOffset();
    var sign = off >= 0 ? "+" : "-";
    off = Math.abs(off);
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()) +
      "T" + pad(d.getHours()) + ":" + pad(d.getMinutes()) + ":" + pad(d.getSeconds()) +
      sign + pad(Math.floor(off / 60)) + ":" + pad(off % 60);
  }

  function newToken() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return (b < 16 ? "0" : "") + b.toString(16); }).join("");
  }

  function kindLabel(kind) { return kind === "out" ? form.dataset.labelOut : form.dataset.labelIn; }

  function showQueue(items) {
    if (!queueBox) { return; }
    queueBox.textContent = "";
    queueBox.hidden = !items.length;
    if (!items.length) { return; }
    var p = document.createElement("p");
    p.textContent = form.dataset.msgQueued.replace("%(n)s", String(items.length));
    queueBox.appendChild(p);
    var ul = document.createElement("ul");
    items.forEach(function (item) {
      var li = document.createElement("li");
      li.textContent = kindLabel(item.kind) + " · " + item.taken_at.slice(11, 16);
      ul.appendChild(li);
    });
    queueBox.appendChild(ul);
  }

  function keep(kind) {
    var items = readQueue();
    items.push({
      token: newToken(),
      kind: kind,
      taken_at: isoWithOffset(new Date()),
      latitude: field("latitude").value,
      longitude: field("longitude").value,
      accuracy_m: field("accuracy_m").value
    });
    writeQueue(items);
    setButtons(false);
    say(form.dataset.msgKept, "warn");
  }

  function csrfToken() {
    var m = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    if (m) { return decodeURIComponent(m[1]); }
    var input = form.querySelector("input[name='csrfmiddlewaretoken']");
    return input ? input.value : "";
  }

  function flush() {
    var items = readQueue();
    if (flushing || !items.length || !navigator.onLine || !sendUrl) { return; }
    flushing = true;
    var sent = 0;
    var problems = [];
    function next(i) {
      if (i >= items.length) {
        flushing = false;
        var left = readQueue().filter(function (item) {
          return !items.some(function (done) { return done.token === item.token && done.done; });
        });
        writeQueue(left);
        if (problems.length) { say(problems.join(" "), "warn"); }
        else if (sent) { say(form.dataset.msgSent.replace("%(n)s", String(sent)), "info"); }
        return;
      }
      var item = items[i];
      fetch(sendUrl, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
        body: JSON.stringify(item)
      }).then(function (response) {
        return response.json().then(function (body) { return { code: response.status, body: body }; });
      }).then(function (answer) {
        if (answer.code === 200) { item.done = true; sent += 1; }
        else if (answer.code === 400) { item.done = true; problems.push(answer.body.message || ""); }
        // 403 (signed out, another account) or 5xx: kept for the next try
        next(i + 1);
      }).catch(function () {
        flushing = false;  // the connection dropped again: keep the rest for the next try
        var left = readQueue().filter(function (it) {
          return !items.some(function (done) { return done.token === it.token && done.done; });
        });
        writeQueue(left);
      });
    }
    next(0);
  }

  showQueue(readQueue());
  window.addEventListener("online", flush);
  flush();

  function clearLocation() {
    field("latitude").value = "";
    field("longitude").value = "";
    field("accuracy_m").value = "";
  }

  function locate(submitter) {
    busy = true;
    setButtons(true);
    say(form.dataset.msgLocating, "info");
    var withoutLocation = {
      label: form.dataset.labelSendWithout, secondary: true,
      run: function () { clearLocation(); send(submitter); }
    };
    var retry = { label: form.dataset.labelRetry, run: function () { locate(submitter); } };
    if (!navigator.geolocation || !window.isSecureContext) {
      busy = false;
      setButtons(false);
      say(form.dataset.msgUnsupported, "warn", [withoutLocation]);
      return;
    }
    navigator.geolocation.getCurrentPosition(function (pos) {
      busy = false;
      var c = pos.coords;
      field("latitude").value = c.latitude.toFixed(6);
      field("longitude").value = c.longitude.toFixed(6);
      field("accuracy_m").value = Math.round(c.accuracy);
      var metres = String(Math.round(c.accuracy));
      if (c.accuracy > poor) {
        setButtons(false);
        say(form.dataset.msgPoor.replace("%(m)s", metres), "warn", [
          { label: form.dataset.labelSendAnyway, run: function () { send(submitter); } },
          { label: form.dataset.labelRetry, secondary: true, run: function () { locate(submitter); } }
        ]);
        return;
      }
      say(form.dataset.msgSending.replace("%(m)s", metres), "info");
      send(submitter);
    }, function (err) {
      busy = false;
      setButtons(false);
      clearLocation();
      var text = form.dataset.msgUnavailable;
      if (err.code === err.PERMISSION_DENIED) { text = form.dataset.msgDenied; }
      else if (err.code === err.TIMEOUT) { text = form.dataset.msgTimeout; }
      say(text, "warn", [retry, withoutLocation]);
    }, { enableHighAccuracy: true, timeout: 15000, maximumAge: 0 });
  }

  form.addEventListener("submit", function (event) {
    if (ready) { return; }           // fields filled: let the browser post the form
    event.preventDefault();
    if (busy) { return; }
    var submitter = event.submitter || form.querySelector("button[name='kind']");
    locate(submitter);
  });
})();
