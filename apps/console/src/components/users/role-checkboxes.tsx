// The three console roles as checkboxes in a labelled group.
import { ROLES, type TRole } from "@tta/domain/browser";

export const ROLE_HINT: Record<TRole, string> = {
  admin: "edits routes and policies, publishes, manages users",
  operator: "watches and operates the gateways",
  clinician: "handles escalated therapeutic events",
};

/** `locked` roles stay as they are (an admin's own admin role). */
export function RoleCheckboxes(props: { legend: string; value: TRole[]; onChange: (roles: TRole[]) => void; describedBy?: string; hints?: boolean; locked?: TRole[] }) {
  const { legend, value, onChange } = props;
  return (
    <fieldset className="methods" aria-describedby={props.describedBy}>
      <legend>{legend}</legend>
      <div className="checkbox-row">
        {ROLES.map((role) => (
          <label key={role} className="checkbox" title={ROLE_HINT[role]}>
            <input
              type="checkbox"
              name="roles"
              value={role}
              checked={value.includes(role)}
              disabled={props.locked?.includes(role)}
              onChange={(e) => onChange(e.target.checked ? ROLES.filter((r) => r === role || value.includes(r)) : value.filter((r) => r !== role))}
            />
            {role}
            {props.hints ? <span className="hint"> ({ROLE_HINT[role]})</span> : null}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
