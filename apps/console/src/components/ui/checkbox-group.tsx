// A set of checkboxes for one list field (a route's methods, a policy's algorithms), with its hint
// and its error wired like a single field's.
import type { ReactNode } from "react";
import { FieldError } from "../routes/field";

export interface CheckboxGroupProps<T extends string> {
  name: string;
  legend: string;
  options: readonly T[];
  checked: readonly T[];
  onChange: (checked: T[]) => void;
  hint: ReactNode;
  error?: string;
}

export function CheckboxGroup<T extends string>({ name, legend, options, checked, onChange, hint, error }: CheckboxGroupProps<T>) {
  return (
    <fieldset className="methods" aria-describedby={[`hint-${name}`, error ? `field-error-${name}` : ""].filter(Boolean).join(" ")}>
      <legend>{legend}</legend>
      <div className="checkbox-row">
        {options.map((option) => (
          <label key={option} className="checkbox">
            <input
              type="checkbox"
              name={name}
              value={option}
              checked={checked.includes(option)}
              onChange={(e) => onChange(e.target.checked ? [...checked, option] : checked.filter((x) => x !== option))}
            />
            {option}
          </label>
        ))}
      </div>
      <p id={`hint-${name}`} className="hint">
        {hint}
      </p>
      <FieldError name={name} error={error} />
    </fieldset>
  );
}
