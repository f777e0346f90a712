import { useStore } from '../store/store';
import { LoginScreen } from './LoginScreen';
import { MainView } from './MainView';
import { NoticeArea } from './NoticeArea';

export function App() {
  const booted = useStore((state) => state.booted);
  const signedIn = useStore((state) => state.session !== null);

  if (!booted) {
    return (
      <div className="splash">
        <span className="spinner" aria-hidden="true" />
        Starting Parley…
      </div>
    );
  }

  return (
    <>
      {signedIn ? <MainView /> : <LoginScreen />}
      <NoticeArea />
    </>
  );
}
