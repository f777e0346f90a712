import { assertNever } from '../../../common/result';
import type { Row } from '../store/rows';
import { MessageRow } from './MessageRow';
import { PendingRow } from './PendingRow';

export function RowView({ row, channelName }: { row: Row; channelName: string }) {
  switch (row.kind) {
    case 'start':
      return (
        <div className="channel-start">
          <p className="channel-start-title">This is the very beginning of #{channelName}.</p>
        </div>
      );
    case 'message':
      return <MessageRow message={row.message} grouped={row.grouped} />;
    case 'pending':
      return <PendingRow send={row.send} grouped={row.grouped} />;
    default:
      return assertNever(row);
  }
}
