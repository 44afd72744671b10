import js from "@eslint/js";
import globals from "globals";
import reactHooks from "eslint-plugin-react-hooks";
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
);
