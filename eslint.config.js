import js from "@eslint/js";
import globals from "globals";
import reactHooks from "eslint-plugin-react-hooks";
import i18next from "eslint-plugin-i18next";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "**/node_modules/**",
      "**/.next/**",
      "**/.next-test*/**",
      ".data/**",
      "web/server/generated/**",
      "web/next-env.d.ts",
      "test-results/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "no-console": "off",
    },
  },
  {
    // CommonJS preloads (node --require), e.g. soketi/src/*.cjs: require() is how they import.
    files: ["**/*.cjs"],
    languageOptions: { sourceType: "commonjs" },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    files: ["web/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "error",
    },
  },
  {
    // The browser bundle must never reach server code or secrets (types are fine: erased).
    files: ["web/components/**/*.{ts,tsx}", "web/hooks/**/*.{ts,tsx}", "web/lib/**/*.{ts,tsx}"],
    // Server components that live with the client ones.
    ignores: ["**/*.test.{ts,tsx}", "web/components/app-shell.tsx"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/server/*"],
              message: "Client code must not import server modules.",
              allowTypeImports: true,
            },
            {
              group: ["pusher", "@prisma/*", "pg", "bcryptjs"],
              message: "Server-only package in client code.",
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  {
    // Every text a person reads comes from web/messages (docs/i18n.md): literal JSX text, and
    // literal text in the attributes people read or hear, are refused in pages and components.
    files: ["web/components/**/*.tsx", "web/app/**/*.tsx"],
    ignores: ["**/*.test.tsx"],
    plugins: { i18next },
    rules: {
      "i18next/no-literal-string": [
        "error",
        {
          mode: "jsx-only",
          "jsx-attributes": {
            include: [
              "label",
              "placeholder",
              "title",
              "alt",
              "aria-label",
              "aria-description",
              "aria-roledescription",
              "hint",
              "description",
              "legend",
              "caption",
              "emptyText",
              "confirmLabel",
              "cancelLabel",
            ],
          },
          words: {
            // The plugin's defaults (digits and punctuation, ALL-CAPS words), plus names that
            // are the same in every language.
            exclude: [
              "[0-9!-/:-@[-`{-~]+",
              "[A-Z_-]+",
              "^\\p{Emoji}+$",
              "LiveCampus",
              "[·—–×✓…→←•]+",
            ],
          },
        },
      ],
    },
  },
);
