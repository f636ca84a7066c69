/**
 * One socket per sign-in (`signIn`: auth.tsx's id of it), opened when the user signs in and
 * closed when they sign out, shared by every page; `useConnectionStatus` tells whether it is up.
 */
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { openTrainingSocket, type TrainingSocket } from './socket.ts';

const SocketContext = createContext<TrainingSocket | null>(null);

export function SocketProvider({ signIn, onUnauthorized, children }: { signIn: string; onUnauthorized: () => void; children: ReactNode }) {
  const [socket, setSocket] = useState<TrainingSocket | null>(null);
  useEffect(() => {
    const opened = openTrainingSocket(onUnauthorized);
    setSocket(opened);
    return () => {
      opened.close();
    };
  }, [signIn, onUnauthorized]);
  if (!socket) return null;
  return <SocketContext.Provider value={socket}>{children}</SocketContext.Provider>;
}

export function useSocket(): TrainingSocket {
  const socket = useContext(SocketContext);
  if (!socket) throw new Error('useSocket outside SocketProvider');
  return socket;
}

/** `connecting` until the first connection, then `online` or `offline`. */
export type ConnectionStatus = 'connecting' | 'online' | 'offline';

export function useConnectionStatus(socket: TrainingSocket): ConnectionStatus {
  const [status, setStatus] = useState<ConnectionStatus>(socket.connected ? 'online' : 'connecting');
  useEffect(() => {
    let everConnected = socket.connected;
    const online = () => {
      everConnected = true;
      setStatus('online');
    };
    const offline = () => setStatus(everConnected ? 'offline' : 'connecting');
    // A failed first attempt is "offline" too after a moment: the user should know.
    const failed = () => setStatus('offline');
    socket.on('connect', online);
    socket.on('disconnect', offline);
    socket.on('connect_error', failed);
    setStatus(socket.connected ? 'online' : 'connecting');
    return () => {
      socket.off('connect', online);
      socket.off('disconnect', offline);
      socket.off('connect_error', failed);
    };
  }, [socket]);
  return status;
}
