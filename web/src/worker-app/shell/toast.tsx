import { useEffect } from 'react';
import { createStore, useStore } from './store';

const toastStore = createStore<{ text: string; id: number } | null>(null);
let next = 0;

/** A short confirmation at the bottom ("saved, sent when online"), gone after a few seconds. */
export function showToast(text: string): void {
  toastStore.set({ text, id: ++next });
}

export function Toast() {
  const toast = useStore(toastStore);
  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => toastStore.set((t) => (t?.id === toast.id ? null : t)), 3500);
    return () => clearTimeout(timer);
  }, [toast]);
  return toast ? (
    <div className="wa-toast" role="status" data-testid="toast">
      {toast.text}
    </div>
  ) : null;
}
