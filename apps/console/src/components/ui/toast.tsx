"use client";
// Short confirmations ("Route "hello" created.") that outlive the page that caused them: an editor
// saves, then goes back to its list, where the toast shows. The region is always in the page so
// that screen readers announce what is added to it (role=status is polite).
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";

interface Toast {
  id: number;
  text: string;
}

const TOAST_MS = 6_000;
const ToastContext = createContext<(text: string) => void>(() => {});

/** Shows `text` for a few seconds; its ✕ closes it sooner. */
export function useToast(): (text: string) => void {
  return useContext(ToastContext);
}

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const next = useRef(1);
  const timers = useRef(new Map<number, ReturnType<typeof setTimeout>>());
  const dismiss = useCallback((id: number) => {
    clearTimeout(timers.current.get(id));
    timers.current.delete(id);
    setToasts((ts) => ts.filter((t) => t.id !== id));
  }, []);
  const show = useCallback(
    (text: string) => {
      const id = next.current++;
      setToasts((ts) => [...ts.slice(-2), { id, text }]);
      timers.current.set(id, setTimeout(() => dismiss(id), TOAST_MS));
    },
    [dismiss],
  );
  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach((t) => clearTimeout(t));
  }, []);
  const value = useMemo(() => show, [show]);
  return (
    <ToastContext.Provider value={value}>
      {children}
      <div className="toasts" role="status" aria-live="polite" data-testid="toasts">
        {toasts.map((t) => (
          <div key={t.id} className="toast" data-testid="toast">
            <span>{t.text}</span>
            <button type="button" className="toast-close" aria-label="Dismiss" onClick={() => dismiss(t.id)}>
              ✕
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

/** "rate-limit policy" → `Rate-limit policy "default" deleted.` */
export function toastText(thing: string, name: string, done: "created" | "saved" | "deleted"): string {
  return `${thing.charAt(0).toUpperCase()}${thing.slice(1)} "${name}" ${done}.`;
}
