"use client";
import { useEffect } from "react";
import { useTranslations } from "next-intl";
import { Toaster as Sonner, toast } from "sonner";

/**
 * The app's one toaster (sonner: an aria-live region, Alt+T focuses it). Escape dismisses the
 * toasts on screen, unless a modal dialog is open: then Escape is the dialog's.
 */
export function Toaster() {
  const t = useTranslations("common.toaster");
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape" || event.defaultPrevented) return;
      if (document.querySelector("dialog[open]")) return;
      toast.dismiss();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);
  return (
    <Sonner
      position="top-right"
      offset={64}
      richColors
      closeButton
      duration={5000}
      visibleToasts={5}
      containerAriaLabel={t("label")}
      toastOptions={{ closeButtonAriaLabel: t("close") }}
    />
  );
}
