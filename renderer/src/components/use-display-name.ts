import { useStore } from '../store/store';

export function useDisplayName(userId: string): string {
  return useStore((state) => {
    const user = state.users[userId];
    if (!user) return 'Unknown user';

    return user.displayName || user.username;
  });
}
