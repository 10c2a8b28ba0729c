// The home location form: the browser's position fills the hidden fields (no position, no send).
(function () {
  "use strict";
  var form = document.getElementById("home-form");
  var button = document.getElementById("home-locate");
  if (!form || !button) return;
  var out = document.getElementById("home-located");
  function field(name) { return document.getElementById("id_" + name); }
  button.addEventListener("click", function () {
    if (!navigator.geolocation || !window.isSecureContext) {
      out.textContent = form.dataset.msgUnsupported;
      return;
    }
    navigator.geolocation.getCurrentPosition(function (pos) {
      var c = pos.coords;
      field("latitude").value = c.latitude.toFixed(6);
      field("longitude").value = c.longitude.toFixed(6);
      field("accuracy_m").value = Math.round(c.accuracy);
      out.textContent = form.dataset.msgGot.replace("%(m)s", String(Math.round(c.accuracy)));
    }, function () {
      out.textContent = form.dataset.msgDenied;
    }, { enableHighAccuracy: true, timeout: 20000, maximumAge: 0 });
  });
})();
