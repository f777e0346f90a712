import { useEffect, useState } from 'react';

const LOOKUP_DELAY_MS = 400;

function isHttpsUrl(value: string): boolean {
  return URL.canParse(value) && new URL(value).protocol === 'https:';
}

/**
 * The server's "forgot password" page, asked of the server (through main) once the address
 * typed looks complete. Only https pages are offered; main opens them in the system browser.
 */
export function useForgotPasswordUrl(serverUrl: string): string | null {
  const [url, setUrl] = useState<string | null>(null);

  useEffect(() => {
    setUrl(null);
    if (!isHttpsUrl(serverUrl)) return;

    let current = true;
    const timer = setTimeout(() => {
      void window.parley.getServerInfo({ serverUrl }).then((result) => {
        const link = result.ok ? result.value.forgotPasswordUrl : null;
        if (current) setUrl(link && isHttpsUrl(link) ? link : null);
      });
    }, LOOKUP_DELAY_MS);

    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [serverUrl]);

  return url;
}
