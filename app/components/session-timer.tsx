import { useEffect, useRef, useState } from "react";
import { useT } from "#app/i18n/index.ts";

export interface TimerStep {
  key: string;
  title: string;
  minutes: number;
  instruction: string;
  leaders: string;
}

const clock = (seconds: number) =>
  `${String(Math.floor(seconds / 60)).padStart(2, "0")}:${String(seconds % 60).padStart(2, "0")}`;

/**
 * A countdown per step of the method, with start/pause and next/previous step. Runs in the
 * browser only; without JavaScript the step list on the page is all there is. Step changes,
 * the last minute and the end of a step are announced politely (not every second).
 */
export function SessionTimer({ steps }: { steps: readonly TimerStep[] }) {
  const t = useT();
  const [ready, setReady] = useState(false);
  const [index, setIndex] = useState(0);
  const [remaining, setRemaining] = useState((steps[0]?.minutes ?? 0) * 60);
  const [running, setRunning] = useState(false);
  const [announcement, setAnnouncement] = useState("");
  const step = steps[index];
  const stepRef = useRef(step);
  stepRef.current = step;

  useEffect(() => setReady(true), []);

  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => {
      setRemaining((left) => {
        const next = Math.max(0, left - 1);
        const current = stepRef.current;
        if (next === 60 && current) setAnnouncement(t("sessie.timer.oneMinute", { step: current.title }));
        if (next === 0) {
          setRunning(false);
          if (current) setAnnouncement(t("sessie.timer.timeUp", { step: current.title }));
        }
        return next;
      });
    }, 1000);
    return () => clearInterval(timer);
  }, [running, t]);

  if (!step) return null;
  if (!ready) return <p className="text-sm text-muted">{t("sessie.timer.noJs")}</p>;

  const goTo = (i: number) => {
    const target = steps[i];
    if (!target) return;
    setIndex(i);
    setRemaining(target.minutes * 60);
    setAnnouncement(
      t("sessie.timer.stepNow", {
        n: i + 1,
        total: steps.length,
        step: target.title,
        minutes: target.minutes,
      }),
    );
  };
  const toggle = () => {
    setRunning((r) => !r);
    setAnnouncement(t(running ? "sessie.timer.paused" : "sessie.timer.started", { step: step.title }));
  };
  const button =
    "rounded border border-brand px-3 py-1.5 font-medium text-brand hover:bg-wash disabled:opacity-50 focus-visible:outline-2 focus-visible:outline-offset-2";

  return (
    <div className="space-y-3 rounded border border-line p-4">
      <p className="font-medium">
        {t("sessie.timer.step", { n: index + 1, total: steps.length })}: {step.title}
      </p>
      <p className="text-sm">{step.instruction}</p>
      {step.leaders ? (
        <p className="text-sm text-muted">
          {t("sessie.steps.leads")}: {step.leaders}
        </p>
      ) : null}
      <p role="timer" aria-live="off" aria-label={t("sessie.timer.remaining")} className="font-mono text-3xl">
        {clock(remaining)}
      </p>
      <div className="flex flex-wrap gap-2">
        <button type="button" className={button} onClick={toggle} disabled={remaining === 0 && !running}>
          {running ? t("sessie.timer.pause") : t("sessie.timer.start")}
        </button>
        <button type="button" className={button} onClick={() => goTo(index - 1)} disabled={index === 0}>
          {t("sessie.timer.previous")}
        </button>
        <button
          type="button"
          className={button}
          onClick={() => goTo(index + 1)}
          disabled={index === steps.length - 1}
        >
          {t("sessie.timer.next")}
        </button>
        <button type="button" className={button} onClick={() => goTo(index)}>
          {t("sessie.timer.reset")}
        </button>
      </div>
      <p aria-live="polite" role="status" className="text-sm">
        {announcement}
      </p>
    </div>
  );
}
