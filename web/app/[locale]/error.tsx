"use client";
import { ErrorNotice } from "@/components/error-notice";

// Any page's error below the root layout (a database that went away mid-render among them).
export default function ErrorPage() {
  return <ErrorNotice />;
}
