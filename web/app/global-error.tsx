"use client";
import { ErrorNotice } from "@/components/error-notice";
import "./globals.css";

// An error in the root layout itself (it reads the session's user): replaces the whole document.
export default function GlobalError() {
  return (
    <html lang="en">
      <head>
        <title>LiveCampus</title>
      </head>
      <body>
        <ErrorNotice />
      </body>
    </html>
  );
}
