export function PresenceDot({ online }: { online: boolean }) {
  return (
    <span
      className={online ? 'presence-dot is-online' : 'presence-dot'}
      role="img"
      aria-label={online ? 'online' : 'offline'}
    />
  );
}
