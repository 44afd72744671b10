"use client";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";

/** Copies `text` to the clipboard and says so for a moment (to screen readers too). */
export function CopyButton({ text, label }: { text: string; label?: string }) {
  const t = useTranslations("common.copy");
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState("copied");
    } catch {
      // Without clipboard permission the text stays selectable in its field.
      setState("failed");
    }
    setTimeout(() => setState("idle"), 2000);
  };
  return (
    <Button variant="secondary" onClick={() => void copy()} aria-live="polite">
      {state === "copied" ? t("copied") : state === "failed" ? t("failed") : (label ?? t("copy"))}
    </Button>
  );
}
