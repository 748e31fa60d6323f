// Simple line drawings of a carrier, by its shape and size (no data access; used by the wizard).
// Each is an <svg role="img"> with a <title>, so that screen readers name it.
import { useId } from "react";
import type { WizardCarrier } from "./wizard.ts";

const stroke = { fill: "none", stroke: "currentColor", strokeWidth: 3 } as const;

/** A scale (0.5 .. 1) from the size key: wider tape, bigger disc and wider film draw larger. */
function scaleFor(sizeKey: string): number {
  const n = Number.parseFloat(sizeKey.replace(/^(disc|film)-/, ""));
  if (!Number.isFinite(n)) return 0.8;
  if (sizeKey.startsWith("disc-")) return Math.min(1, 0.45 + n / 55);
  if (sizeKey.startsWith("film-")) return Math.min(1, 0.55 + n / 80);
  return Math.min(1, 0.55 + n / 110);
}

export function CarrierDrawing({
  carrier,
  label,
}: {
  carrier: Pick<WizardCarrier, "form" | "sizeKeys">;
  label: string;
}) {
  const id = useId();
  const s = scaleFor(carrier.sizeKeys[0] ?? "");
  const r = 40 * s;
  let shape: React.ReactNode;
  switch (carrier.form) {
    case "cassette":
      shape = (
        <g>
          <rect x={50 - 45 * s} y={50 - 28 * s} width={90 * s} height={56 * s} rx={4} {...stroke} />
          <circle cx={50 - 20 * s} cy={50} r={9 * s} {...stroke} />
          <circle cx={50 + 20 * s} cy={50} r={9 * s} {...stroke} />
          <rect x={50 - 12 * s} y={50 - 8 * s} width={24 * s} height={16 * s} {...stroke} strokeWidth={2} />
        </g>
      );
      break;
    case "schijf":
      shape = (
        <g>
          <circle cx={50} cy={50} r={r} {...stroke} />
          <circle cx={50} cy={50} r={r * 0.35} {...stroke} strokeWidth={2} />
          <circle cx={50} cy={50} r={2.5} fill="currentColor" />
        </g>
      );
      break;
    case "draadspoel":
      shape = (
        <g>
          <rect x={35} y={30} width={30} height={40} rx={3} {...stroke} />
          <line x1={28} y1={30} x2={72} y2={30} {...stroke} />
          <line x1={28} y1={70} x2={72} y2={70} {...stroke} />
          {[38, 44, 50, 56, 62].map((y) => (
            <line key={y} x1={37} y1={y} x2={63} y2={y} stroke="currentColor" strokeWidth={1} />
          ))}
        </g>
      );
      break;
    case "filmrol":
      shape = (
        <g>
          <circle cx={50} cy={50} r={r} {...stroke} />
          <circle cx={50} cy={50} r={6} {...stroke} />
          {[0, 60, 120, 180, 240, 300].map((deg) => (
            <circle
              key={deg}
              cx={50 + Math.cos((deg * Math.PI) / 180) * r * 0.6}
              cy={50 + Math.sin((deg * Math.PI) / 180) * r * 0.6}
              r={r * 0.18}
              {...stroke}
              strokeWidth={2}
            />
          ))}
          <path
            d={`M ${50 + r} 50 L 96 ${50 + 8 * s} L 96 ${50 + 20 * s} L ${50 + r * 0.9} ${50 + r * 0.45}`}
            {...stroke}
            strokeWidth={2}
          />
        </g>
      );
      break;
    default:
      // Open reel: a flanged reel with three windows and tape wound on the hub.
      shape = (
        <g>
          <circle cx={50} cy={50} r={r} {...stroke} />
          <circle cx={50} cy={50} r={r * 0.55} fill="currentColor" opacity={0.25} />
          <circle cx={50} cy={50} r={5} {...stroke} />
          {[30, 150, 270].map((deg) => (
            <circle
              key={deg}
              cx={50 + Math.cos((deg * Math.PI) / 180) * r * 0.75}
              cy={50 + Math.sin((deg * Math.PI) / 180) * r * 0.75}
              r={r * 0.15}
              {...stroke}
              strokeWidth={2}
            />
          ))}
        </g>
      );
  }
  return (
    <svg
      viewBox="0 0 100 100"
      width="96"
      height="96"
      role="img"
      aria-labelledby={`${id}-titel`}
      className="shrink-0 text-brand"
    >
      <title id={`${id}-titel`}>{label}</title>
      {shape}
    </svg>
  );
}
