// A health score as a bar and a number, coloured by band (good ≥ 70, degraded ≥ 30, bad < 30).
import { healthBand } from "./format";

export function HealthMeter({ score, label }: { score: number; label: string }) {
  const rounded = Math.round(score);
  const band = healthBand(score);
  return (
    <span className={`health health-${band}`}>
      <span className="health-track" role="meter" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={rounded} aria-valuetext={`${rounded} of 100, ${band}`}>
        <span className="health-fill" style={{ width: `${Math.max(2, Math.min(100, score))}%` }} />
      </span>
      <span className="health-num">{rounded}</span>
    </span>
  );
}
