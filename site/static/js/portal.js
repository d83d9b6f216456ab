/*
 * Progressive enhancements for the public portal. Every form and link works without this
 * file; it only saves a click. No inline handlers: the CSP forbids them.
 */
(function () {
    "use strict";

    // Catalogue filters: a select changed with the pointer submits its form. A keyboard
    // user (focus-visible) keeps the form as is and submits with the button, so moving
    // through options never reloads the page under them (WCAG 3.2.2).
    function enableAutoSubmit() {
        var selects = document.querySelectorAll("select[data-autosubmit]");
        Array.prototype.forEach.call(selects, function (select) {
            select.addEventListener("change", function () {
                if (select.form && !select.matches(":focus-visible")) {
                    select.form.submit();
                }
            });
        });
    }

    // Print view: a "print this page" button, hidden until script can make it work.
    function enablePrintButtons() {
        var buttons = document.querySelectorAll("[data-print]");
        Array.prototype.forEach.call(buttons, function (button) {
            button.hidden = false;
            button.addEventListener("click", function () {
                window.print();
            });
        });
    }

    function init() {
        enableAutoSubmit();
        enablePrintButtons();
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", init);
    } else {
        init();
    }
})();
