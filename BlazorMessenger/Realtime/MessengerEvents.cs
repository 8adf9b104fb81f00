using BlazorMessenger.Features.Chat;

namespace BlazorMessenger.Realtime;

/// <summary>What the hub carries: plain data, never services or entities.</summary>
public abstract record MessengerEvent;

/// <summary>A committed message, for every member of its conversation.</summary>
public sealed record MessagePosted(ChatMessage Message) : MessengerEvent;

/// <summary>A message was edited or deleted; Message carries its new state (a deleted one has no body or image).</summary>
public sealed record MessageChanged(ChatMessage Message) : MessengerEvent;

/// <summary>The user deleted a message for themselves ("Delete for me"): their tabs take it away; no one else hears.</summary>
public sealed record MessageHidden(long ConversationId, long MessageId, long Seq) : MessengerEvent;

/// <summary>The reactions on a message changed: all of them now, grouped by emoji.</summary>
public sealed record ReactionsChanged(long ConversationId, long MessageId, IReadOnlyList<ReactionGroup> Reactions) : MessengerEvent;

/// <summary>A message was pinned (PinnedUtc set) or unpinned in a conversation.</summary>
public sealed record PinsChanged(long ConversationId, long MessageId, DateTime? PinnedUtc) : MessengerEvent;

/// <summary>A conversation appeared or changed for this user; Notice is a sentence to show them, if any.</summary>
public sealed record ConversationChanged(long ConversationId, string? Notice) : MessengerEvent;

/// <summary>The user read a conversation up to LastReadSeq (in one tab; the others follow).</summary>
public sealed record ReadStateChanged(long ConversationId, long LastReadSeq) : MessengerEvent;

public sealed record ContactsChanged : MessengerEvent;

/// <summary>This server is shutting down (to every circuit on it): pages say so until they reconnect to the new one.</summary>
public sealed record ServerRestarting : MessengerEvent;

public sealed record PresenceChanged(string UserId, bool IsOnline, DateTime? LastSeenUtc) : MessengerEvent;

/// <summary>
/// Someone's display name or picture changed; sent to them and to everyone who shares a conversation with them.
/// Hidden: they now hide from the addressee (a block), who shows their username only.
/// </summary>
public sealed record ProfileChanged(string UserId, string? DisplayName, string? AvatarId, bool Hidden = false) : MessengerEvent;

/// <summary>Another member's delivered or read position moved past messages of the addressee's (their ticks follow).</summary>
public sealed record ReceiptMoved(long ConversationId, Features.Receipts.MemberPosition Position) : MessengerEvent;

/// <summary>Someone turned read receipts on or off: open conversations with them read positions again.</summary>
public sealed record ReceiptPrivacyChanged(string UserId) : MessengerEvent;

/// <summary>
/// Someone started or stopped typing in a conversation: everyone typing there now through one instance (Source; never
/// stored). An instance's versions only grow: a listener keeps the highest it has seen from each instance and shows
/// the typists of all of them.
/// </summary>
public sealed record TypingChanged(long ConversationId, IReadOnlyList<Features.Typing.Typist> Typists, long Version, string Source = "") : MessengerEvent;

/// <summary>Sessions of the addressee ended (logged out, revoked, or ended by a password change): their tabs sign out.</summary>
public sealed record SessionsEnded(IReadOnlyList<string> SessionIds) : MessengerEvent;

/// <summary>
/// Events of other servers may have been missed (this server was cut off from Redis for a while, or another one was):
/// open views catch up from the database as after their own reconnect. Published on this server only.
/// </summary>
public sealed record CatchUpNeeded : MessengerEvent;
