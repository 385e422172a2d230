"use client";
// The service a route or an aggregation part sends to: every service of the working copy, and the
// current name even when it is gone (ui/with-current.ts).
import type { SelectHTMLAttributes } from "react";
import { withCurrent } from "../ui/with-current";

export interface ServiceSelectProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, "value" | "onChange"> {
  services: string[];
  value: string;
  onChange: (service: string) => void;
}

export function ServiceSelect({ services, value, onChange, ...rest }: ServiceSelectProps) {
  return (
    <select {...rest} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">Choose a service…</option>
      {withCurrent(services, value).map((s) => (
        <option key={s} value={s}>
          {s}
        </option>
      ))}
    </select>
  );
}
