/* Check-in page: ask the phone for its position, fill the hidden fields, then send the form.
 * Without JavaScript the form posts as it is (no location); the server decides what to flag. */
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
    ready = true;
    setButtons(false);
    if (form.requestSubmit) { form.requestSubmit(submitter); }
    else { submitter.click(); }
  }

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
