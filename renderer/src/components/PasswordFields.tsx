import { useId } from 'react';

/** The first log-in step: server, username, password and, if policy allows, remember me. */
export function PasswordFields(props: {
  serverUrl: string;
  username: string;
  password: string;
  remember: boolean;
  allowRemember: boolean;
  onServerUrl: (value: string) => void;
  onUsername: (value: string) => void;
  onPassword: (value: string) => void;
  onRemember: (value: boolean) => void;
}) {
  const id = useId();

  return (
    <>
      <label className="field" htmlFor={`${id}-server`}>
        <span className="field-label">Server address</span>
        <input
          id={`${id}-server`}
          type="url"
          inputMode="url"
          autoComplete="url"
          spellCheck={false}
          placeholder="https://chat.example.org"
          value={props.serverUrl}
          onChange={(event) => props.onServerUrl(event.target.value)}
        />
      </label>

      <label className="field" htmlFor={`${id}-username`}>
        <span className="field-label">Username</span>
        <input
          id={`${id}-username`}
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          autoFocus
          value={props.username}
          onChange={(event) => props.onUsername(event.target.value)}
        />
      </label>

      <label className="field" htmlFor={`${id}-password`}>
        <span className="field-label">Password</span>
        <input
          id={`${id}-password`}
          type="password"
          autoComplete="current-password"
          value={props.password}
          onChange={(event) => props.onPassword(event.target.value)}
        />
      </label>

      {props.allowRemember && (
        <label className="checkbox-field" htmlFor={`${id}-remember`}>
          <input
            id={`${id}-remember`}
            type="checkbox"
            checked={props.remember}
            onChange={(event) => props.onRemember(event.target.checked)}
          />
          <span>Remember me on this computer</span>
        </label>
      )}
    </>
  );
}
