"use client";
import { useLayoutEffect, useRef } from "react";

/** Keeps the latest value in a ref, so effects and callbacks can read it without re-running. */
export function useLatest<T>(value: T) {
  const ref = useRef(value);
  useLayoutEffect(() => {
    ref.current = value;
  });
  return ref;
}
