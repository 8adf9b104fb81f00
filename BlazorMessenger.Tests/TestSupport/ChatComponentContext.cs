using BlazorMessenger.Features.Chat.List;
using BlazorMessenger.Components.Layout;
using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Chat.Pins;
using BlazorMessenger.Features.Chat.Reactions;
using BlazorMessenger.Features.Contacts;
using BlazorMessenger.Features.Groups;
using BlazorMessenger.Features.Media;
using BlazorMessenger.Features.Notifications;
using BlazorMessenger.Features.Presence;
using BlazorMessenger.Features.Receipts;
using BlazorMessenger.Features.Settings;
using BlazorMessenger.Features.Typing;
using BlazorMessenger.Realtime;
using BlazorMessenger.Tests.Features.Chat;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorMessenger.Tests.TestSupport;

/// <summary>A bUnit context whose components talk to the real chat services over a temporary SQLite database.</summary>
public abstract class ChatComponentContext : MudTestContext, IAsyncLifetime
{
    private static readonly Type[] Shared =
    [
        typeof(ChatService), typeof(ConversationListService), typeof(ContactService), typeof(GroupService), typeof(IMessengerHub), typeof(PresenceTracker),
        typeof(TimeProvider), typeof(ImageProcessor), typeof(ReceiptService), typeof(TypingTracker), typeof(NotificationService), typeof(SettingsService),
        typeof(ReactionService), typeof(PinService), typeof(AttachmentService), typeof(ForwardService), typeof(MessageChangeService),
    ];

    protected ChatTestBed Bed { get; private set; } = default!;

    /// <summary>Configuration for the services under test (for example tighter send limits).</summary>
    protected virtual IReadOnlyDictionary<string, string?>? Settings => null;

    /// <summary>Changes to the services under test (an interceptor on the database, say).</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    public async ValueTask InitializeAsync()
    {
        Bed = await ChatTestBed.CreateAsync(Settings, configure: ConfigureServices);
        Share(Services, Bed.Services);
    }

    /// <summary>Hands the components the real singletons of a test's services, and a circuit's scoped helpers.</summary>
    public static void Share(IServiceCollection components, TestServices services)
    {
        foreach (var type in Shared)
        {
            components.AddSingleton(type, services.Provider.GetRequiredService(type));
        }

        components.AddScoped<CircuitEvents>();
        components.AddScoped<VisitedPages>();
    }

    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        await base.DisposeAsync();
        await Bed.DisposeAsync();
    }
}
