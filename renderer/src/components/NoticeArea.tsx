import { useStore } from '../store/store';

/**
 * Things main wants the user to know ("the cache was rebuilt"). A polite live region: the
 * connection banner already owns role="status".
 */
export function NoticeArea() {
  const notices = useStore((state) => state.notices);
  const dismiss = useStore((state) => state.dismissNotice);

  return (
    <section className="notice-area" aria-live="polite" aria-label="Notifications">
      {notices.map((notice) => (
        <div key={notice.id} className={`notice is-${notice.level}`}>
          <span className="notice-text">{notice.text}</span>
          <button
            type="button"
            className="notice-dismiss"
            aria-label="Dismiss notice"
            title="Dismiss"
            onClick={() => dismiss(notice.id)}
          >
            ×
          </button>
        </div>
      ))}
    </section>
  );
}
