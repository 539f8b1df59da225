// ESLint for the page scripts under plugins/ngo_handbook/assets/ (test_javascript_lint.py).
// They are plain scripts joined into one file (site_assets.py), not modules: they meet on
// the global `ngoHandbook` that strings.js and common.js set up.
import js from "@eslint/js";
import globals from "globals";

export default [
  js.configs.recommended,
  {
    files: ["**/*.js"],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "script",
      globals: { ...globals.browser, ngoHandbook: "readonly" },
    },
    rules: {
      // `catch (error) { … }` that does not use the error is the usual way to say "ignore".
      "no-unused-vars": ["error", { caughtErrors: "none" }],
    },
  },
  {
    files: ["**/offline-worker.js"],
    languageOptions: { globals: { ...globals.serviceworker } },
  },
  {
    files: ["**/search/*.js"],
    languageOptions: { globals: { ...globals.worker } },
  },
  {
    // A library kept as published (minified): its "<\/script>" escapes are deliberate.
    files: ["**/vendor/*.js"],
    rules: { "no-useless-escape": "off" },
  },
];
