namespace BlazorMessenger.Realtime;

/// <summary>
/// Delivers events to every subscription of the addressed users: one subscription per open circuit (tab).
/// Handlers run on the publisher's thread and must only take the event: components listen through HubListener, which
/// applies it on the thread pool (the writer never renders anyone's page).
/// </summary>
public interface IMessengerHub
{
    /// <summary>Subscribes one circuit of a user; dispose the result to stop receiving.</summary>
    IDisposable Subscribe(string userId, Action<MessengerEvent> handler);

    /// <summary>Hands the event to every subscription of every listed user; a failing handler never stops the rest.</summary>
    void Publish(IEnumerable<string> userIds, MessengerEvent messengerEvent);

    /// <summary>Hands the event to every subscription on this server (news about the server itself).</summary>
    void PublishToEveryone(MessengerEvent messengerEvent);
}
