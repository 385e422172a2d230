"use client";
// One overview tile: a figure, a line or two about it, and a link to the page with the detail.
// The whole tile is the link; `tone` colours its edge when the figure needs someone's attention.
import Link from "next/link";
import type { ReactNode } from "react";

export type TileTone = "ok" | "warn" | "alert" | "none";

export interface TileProps {
  href: string;
  label: string;
  /** The main figure as shown ("3", "12.4 req/s", "–"). */
  value: string;
  /** The figure as data, for tests and scripts: a number, or "" when not known. */
  dataValue: string | number;
  tone?: TileTone;
  testId: string;
  /** Where the link goes, in words ("Operations"): said after the figure, seen on hover. */
  goesTo: string;
  children?: ReactNode;
}

export function Tile({ href, label, value, dataValue, tone = "none", testId, goesTo, children }: TileProps) {
  return (
    <Link href={href} className={`tile tile-${tone}`} data-testid={testId} data-value={dataValue} data-tone={tone} title={`Open ${goesTo}`}>
      <span className="tile-label">{label}</span>
      <span className="tile-value">{value}</span>
      {children ? <div className="tile-body">{children}</div> : null}
      <span className="tile-goes">{goesTo} →</span>
    </Link>
  );
}
