/** Who is online: a count of open sockets per user, so a second device changes nothing. */
export class PresenceTracker {
  private readonly sockets = new Map<string, number>();

  /** Returns true when this made the user come online. */
  add(userId: string): boolean {
    const count = (this.sockets.get(userId) ?? 0) + 1;
    this.sockets.set(userId, count);
    return count === 1;
  }

  /** Returns true when this made the user go offline. */
  remove(userId: string): boolean {
    const count = (this.sockets.get(userId) ?? 0) - 1;
    if (count > 0) {
      this.sockets.set(userId, count);
      return false;
    }
    this.sockets.delete(userId);
    return true;
  }

  onlineAmong(userIds: string[]): string[] {
    return userIds.filter((id) => this.sockets.has(id));
  }
}
