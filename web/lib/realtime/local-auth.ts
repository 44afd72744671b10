// Signs channel authorizations and user sign-ins in-process instead of over HTTP, for tests
// and scripts/realtime-cli.ts. The signer is a `pusher` server SDK instance (it holds the app
// secret), so this never runs in a browser bundle.
import type { UserIdentity } from "../domain";
import type { ChannelAuthorizationHandler, UserAuthenticationHandler } from "pusher-js";
import { presenceDataFor, userDataFor, type PresenceChannelData } from "./authorize";

/** The signing half of the `pusher` server SDK. */
export type AuthSigner = {
  authorizeChannel(
    socketId: string,
    channel: string,
    data?: PresenceChannelData,
  ): { auth: string; channel_data?: string };
  authenticateUser(
    socketId: string,
    userData: { id: string; [key: string]: unknown },
  ): { auth: string; user_data: string };
};

export type LocalAuthOptions = {
  /** Decides like the auth route would; default: sign every channel. */
  canSubscribe?: (channelName: string) => boolean | Promise<boolean>;
};

/**
 * pusher-js customHandlers that sign with `signer` as `user` (presence channel_data and
 * signin user_data come from `user`). A refused channel fails like an HTTP 403 would.
 */
export function localAuthHandlers(
  signer: AuthSigner,
  user: UserIdentity,
  options: LocalAuthOptions = {},
): {
  channelAuthorizationHandler: ChannelAuthorizationHandler;
  userAuthenticationHandler: UserAuthenticationHandler;
} {
  return {
    channelAuthorizationHandler: ({ socketId, channelName }, callback) => {
      Promise.resolve(options.canSubscribe ? options.canSubscribe(channelName) : true)
        .then((allowed) => {
          if (!allowed)
            return callback(new Error(`403: not allowed to subscribe to ${channelName}`), null);
          const presence = channelName.startsWith("presence-") ? presenceDataFor(user) : undefined;
          callback(null, signer.authorizeChannel(socketId, channelName, presence));
        })
        .catch((error: unknown) =>
          callback(error instanceof Error ? error : new Error(String(error)), null),
        );
    },
    userAuthenticationHandler: ({ socketId }, callback) => {
      try {
        callback(null, signer.authenticateUser(socketId, userDataFor(user)));
      } catch (error) {
        callback(error instanceof Error ? error : new Error(String(error)), null);
      }
    },
  };
}
