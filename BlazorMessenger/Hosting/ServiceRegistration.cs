using BlazorMessenger.Components.Account;
using BlazorMessenger.Components.Layout;
using BlazorMessenger.Data;
using BlazorMessenger.Features.Accounts;
using BlazorMessenger.Features.Accounts.Sessions;
using BlazorMessenger.Features.Admin;
using BlazorMessenger.Features.Bots;
using BlazorMessenger.Features.Bots.Api;
using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Chat.List;
using BlazorMessenger.Features.Chat.Pins;
using BlazorMessenger.Features.Chat.Reactions;
using BlazorMessenger.Features.Chat.Writer;
using BlazorMessenger.Features.Contacts;
using BlazorMessenger.Features.Groups;
using BlazorMessenger.Features.Hooks;
using BlazorMessenger.Features.Push;
using BlazorMessenger.Features.Media;
using BlazorMessenger.Features.Notifications;
using BlazorMessenger.Features.Presence;
using BlazorMessenger.Features.Profile;
using BlazorMessenger.Features.Receipts;
using BlazorMessenger.Features.Safety;
using BlazorMessenger.Features.Search;
using BlazorMessenger.Features.Settings;
using BlazorMessenger.Features.Shared;
using BlazorMessenger.Features.Tabs;
using BlazorMessenger.Features.Typing;
using BlazorMessenger.Hosting.Operations;
using BlazorMessenger.Realtime;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.Options;
using MudBlazor.Services;

namespace BlazorMessenger.Hosting;

/// <summary>
/// All registrations, grouped by lifetime. Options are read from DI when first needed (not while the builder
/// runs), so hosts and tests that add configuration late still take effect.
/// </summary>
public static class ServiceRegistration
{
    public static WebApplicationBuilder AddMessengerServices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        // Static files are served as the build compressed them, in Development too: its runtime re-serving of changed
        // wwwroot files recompresses them with gzip under the encoding the endpoint announced (brotli), which browsers
        // cannot decode. The lowest-priority source, so a setting can still turn it back on.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = [new("ReloadStaticAssetsAtRuntime", "false")],
        });
        services.AddMessengerOptions(builder.Configuration);
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddOptions<HubOptions>().Configure<IOptions<ConnectionOptions>>((hub, connection) =>
            hub.KeepAliveInterval = TimeSpan.FromSeconds(connection.Value.KeepAliveSeconds));
        services.AddOptions<CircuitOptions>().Configure<IOptions<CircuitLimitOptions>>((circuits, limits) =>
        {
            circuits.DisconnectedCircuitMaxRetained = Math.Max(0, limits.Value.MaxRetainedDisconnected);
            circuits.DisconnectedCircuitRetentionPeriod = TimeSpan.FromSeconds(Math.Max(0, limits.Value.RetentionSeconds));
        });
        services.AddMudServices();
        services.AddDatabaseDeveloperPageExceptionFilter();
        services.AddSingleton<IResponseCompressionProvider, HtmlCompression>();
        services.AddResponseCompression(HtmlCompression.Configure);

        // Singletons: shared by every circuit, depend on nothing scoped.
        services.AddMessengerStorage();
        services.AddSingleton<IEmailSender<ApplicationUser>, IdentityNoOpEmailSender>();
        services.AddMessengerFeatures();
        services.AddSingleton<ThemeCss>();
        services.AddSingleton<StorageStartup>();
        services.AddHostedService(sp => sp.GetRequiredService<StorageStartup>());
        services.AddHostedService<GracefulShutdown>();
        services.AddHostedService(sp => sp.GetRequiredService<BotWebhooks>());
        services.AddHostedService(sp => sp.GetRequiredService<PushSender>());
        services.Configure<HostOptions>(options => options.ServicesStartConcurrently = true);

        // Scoped: one circuit's (or one request's) state.
        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<Registration>();
        services.AddScoped<CurrentUser>();
        services.AddScoped<CircuitEvents>();
        services.AddScoped<VisitedPages>();
        services.AddScoped<CircuitHandler, PresenceCircuitHandler>();
        services.AddScoped<CircuitHandler, SessionCircuitHandler>();
        services.AddScoped<PushViewer>();
        services.AddScoped<BrowserPush>();
        services.AddScoped<CircuitHandler>(sp => sp.GetRequiredService<PushViewer>());
        services.AddScoped<TabAdmission>();
        services.AddScoped<CircuitHandler, TabCircuitHandler>();
        services.AddScoped<AuthenticationStateProvider, SessionAuthenticationStateProvider>();

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies(cookies => cookies.ApplicationCookie!.Configure(SessionCookie.Configure));
        services.AddMessengerIdentity();
        builder.AddEdgeProtection();
        builder.AddMessengerOperations();
        return builder;
    }

    /// <summary>
    /// The "Messenger" settings: its own keys, and each feature's section as an options class of its own. A value that
    /// cannot work stops the start with the key to fix.
    /// </summary>
    private static void AddMessengerOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MessengerOptions>().Bind(configuration.GetSection(MessengerOptions.SectionName))
            .Validate(o => RedisConnection.Problem(o.Redis) is null,
                "Messenger:Redis must be a StackExchange.Redis connection string (\"redis:6379,password=...\") or empty.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.RedisPrefix), "Messenger:RedisPrefix must not be empty.")
            .Validate(o => o.PresenceHeartbeatSeconds > 0 && o.PresenceExpirySeconds > o.PresenceHeartbeatSeconds,
                "Messenger:PresenceExpirySeconds must be longer than Messenger:PresenceHeartbeatSeconds, which must be above 0.")
            .Validate(o => o.PresenceHeartbeatSeconds + o.PresenceExpirySeconds <= 30,
                "Messenger:PresenceHeartbeatSeconds plus Messenger:PresenceExpirySeconds must be at most 30: a stopped instance's people go offline within that.")
            .ValidateOnStart();
        services.AddSection<DatabaseOptions>(configuration, DatabaseOptions.SectionName)
            .PostConfigure(o => o.ConnectionString = configuration.GetConnectionString("Messenger"))
            .Validate(o => o.Provider != DatabaseProvider.Postgres || !string.IsNullOrWhiteSpace(o.ConnectionString),
                "Messenger:Database:Provider is Postgres but ConnectionStrings:Messenger is empty.")
            .ValidateOnStart();
        services.AddSection<WriterOptions>(configuration, WriterOptions.SectionName)
            .Validate(o => o.MaxQueue >= 1, "Messenger:Writer:MaxQueue must be at least 1.")
            .Validate(o => o.SendTimeoutSeconds >= 1,
                "Messenger:Writer:SendTimeoutSeconds must be at least 1: below that every send would answer \"busy\".")
            .ValidateOnStart();
        services.AddSection<AccountOptions>(configuration, AccountOptions.SectionName);
        services.AddSection<BotOptions>(configuration, BotOptions.SectionName);
        services.AddSection<CircuitLimitOptions>(configuration, CircuitLimitOptions.SectionName);
        services.AddSection<ConnectionOptions>(configuration, ConnectionOptions.SectionName);
        services.AddSection<GroupOptions>(configuration, GroupOptions.SectionName);
        services.AddSection<HealthOptions>(configuration, HealthOptions.SectionName);
        services.AddSection<HookOptions>(configuration, HookOptions.SectionName)
            .Validate(o => o.PostsPerSecond > 0 && o.Burst >= 1 && o.MaxPayloadBytes >= 1024 && o.MaxPerConversation >= 0,
                "Messenger:Hooks needs PostsPerSecond > 0, Burst >= 1, MaxPayloadBytes >= 1024 and MaxPerConversation >= 0.")
            .ValidateOnStart();
        services.AddSection<MediaOptions>(configuration, MediaOptions.SectionName);
        services.AddSection<MessageOptions>(configuration, MessageOptions.SectionName);
        services.AddSection<MetricsOptions>(configuration, MetricsOptions.SectionName);
        services.AddSection<ProxyOptions>(configuration, ProxyOptions.SectionName);
        services.AddSection<PushOptions>(configuration, PushOptions.SectionName)
            .Validate(o => VapidKeys.Problem(o) is null, VapidKeys.Malformed)
            .Validate(o => o.VapidSubject.StartsWith("mailto:", StringComparison.Ordinal) || o.VapidSubject.StartsWith("https://", StringComparison.Ordinal),
                "Messenger:Push:VapidSubject must be a mailto: or https: URL (RFC 8292): whom push services can contact about this server.")
            .Validate(o => o.QueueCapacity >= 1 && o.Concurrency >= 1 && o.MaxAttempts >= 1 && o.TimeToLiveSeconds >= 0 && o.TimeoutSeconds >= 1 && o.MaxPerUser >= 1,
                "Messenger:Push needs QueueCapacity, Concurrency, MaxAttempts, TimeoutSeconds and MaxPerUser of at least 1, and TimeToLiveSeconds of at least 0.")
            .ValidateOnStart();
        services.AddSection<RateLimitOptions>(configuration, RateLimitOptions.SectionName);
        services.AddSection<SecurityOptions>(configuration, SecurityOptions.SectionName);
    }

    private static OptionsBuilder<T> AddSection<T>(this IServiceCollection services, IConfiguration configuration, string section)
        where T : class => services.AddOptions<T>().Bind(configuration.GetSection(section));

    /// <summary>Everything but the web UI, for hosts that call the services directly (tests, benchmarks).</summary>
    public static IServiceCollection AddMessengerBackend(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHttpContextAccessor();
        services.AddMessengerOptions(configuration);
        services.AddAuthentication();
        services.AddMessengerStorage();
        services.AddMessengerIdentity();
        return services.AddMessengerFeatures();
    }

    /// <summary>The data directory, the context factory (SQLite or PostgreSQL) and the Data Protection key ring inside it.</summary>
    public static IServiceCollection AddMessengerStorage(this IServiceCollection services)
    {
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<MessengerOptions>>().Value.ResolveStorage(
            sp.GetService<IHostEnvironment>()?.ContentRootPath ?? AppContext.BaseDirectory));
        services.AddDbContextFactory<ApplicationDbContext>((sp, db) => DatabaseSetup.Configure(
            db, sp.GetRequiredService<IOptions<DatabaseOptions>>().Value, sp.GetRequiredService<StorageLocation>()));

        // Keys live with the data, so a restart (or a new container on the same volume) keeps everyone logged in: in the
        // data directory on one machine, in the database the instances share on PostgreSQL, with one application name
        // whatever folder each instance runs from.
        services.AddDataProtection();
        services.AddOptions<KeyManagementOptions>().Configure<StorageLocation, ILoggerFactory, IOptions<DatabaseOptions>, IServiceProvider>(
            (options, storage, logs, database, sp) => options.XmlRepository = database.Value.Provider == DatabaseProvider.Postgres
                ? new EntityFrameworkCoreXmlRepository<ApplicationDbContext>(sp, logs)
                : new FileSystemXmlRepository(new DirectoryInfo(storage.KeysDirectory), logs));
        services.AddOptions<DataProtectionOptions>().Configure<IOptions<DatabaseOptions>>((options, database) =>
        {
            if (database.Value.Provider == DatabaseProvider.Postgres)
            {
                options.ApplicationDiscriminator = "BlazorMessenger";
            }
        });

        services.AddScoped(sp => new DemoUserSeeder(
            sp.GetRequiredService<UserManager<ApplicationUser>>(), sp.GetRequiredService<AdminService>(), Console.Out));
        return services;
    }

    /// <summary>The hub and the feature services: singletons that hold no per-circuit state.</summary>
    public static IServiceCollection AddMessengerFeatures(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddSingleton<MessengerMetrics>();
        services.AddMessengerRedis();
        services.AddSingleton<UserRateLimiter>();
        services.AddSingleton<PresenceTracker>();
        services.AddSingleton<TabCounter>();
        services.AddSingleton<ImageDecodeBudget>();
        services.AddSingleton<ImageProcessor>();
        services.AddSingleton<MediaStore>();
        services.AddSingleton<MediaJanitor>();
        services.AddSingleton<MessageWriter>();
        services.AddSingleton<ChatService>();
        services.AddSingleton<ConversationListService>();
        services.AddSingleton<AttachmentService>();
        services.AddSingleton<ForwardService>();
        services.AddSingleton<MessageChangeService>();
        services.AddSingleton<ReactionService>();
        services.AddSingleton<PinService>();
        services.AddSingleton<ContactService>();
        services.AddSingleton<GroupService>();
        services.AddSingleton<Pictures>();
        services.AddSingleton<SearchService>();
        services.AddSingleton<ProfileService>();
        services.AddSingleton<ReceiptWriter>();
        services.AddSingleton<ReceiptService>();
        services.AddSingleton<TypingTracker>();
        services.AddSingleton<SettingsService>();
        services.AddSingleton<NotificationService>();
        services.AddSingleton<SendRefusals>();
        services.AddSingleton<SafetyService>();
        services.AddSingleton<ReportService>();
        services.AddSingleton<SessionService>();
        services.AddSingleton<SessionWatch>();
        services.AddSingleton<SessionPlaces>();
        services.AddSingleton<LoginThrottle>();
        services.AddSingleton<AccountDeletion>();
        services.AddSingleton<PersonalDataExport>();
        services.AddSingleton<AdminService>();
        services.AddSingleton<BotService>();
        services.AddSingleton<BotPolls>();
        services.AddSingleton<BotRateLimits>();
        services.AddSingleton<BotApi>();
        services.AddSingleton<BotWebhooks>();
        services.AddSingleton<HookService>();
        services.AddSingleton<HookRateLimits>();
        services.AddSingleton<VapidKeys>();
        services.AddSingleton<PushSubscriptions>();
        services.AddSingleton<PushViewers>();
        services.AddSingleton<PushQueue>();
        services.AddSingleton<PushLedger>();
        services.AddSingleton<PushDelivery>();
        services.AddSingleton<PushSender>();
        return services;
    }

    public static IdentityBuilder AddMessengerIdentity(this IServiceCollection services)
    {
        services.AddOptions<IdentityOptions>().Configure<IOptions<MessengerOptions>, IOptions<AccountOptions>>((options, messenger, accountOptions) =>
        {
            var accounts = accountOptions.Value;
            options.SignIn.RequireConfirmedAccount = messenger.Value.RequireConfirmedAccount;
            PasswordPolicy.Configure(options.Password, accounts);
            options.Lockout.MaxFailedAccessAttempts = accounts.FailuresBeforeLockout;
            options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(accounts.LockoutMinutes);
        });

        return services.AddIdentityCore<ApplicationUser>(options =>
            {
                options.Stores.SchemaVersion = IdentitySchemaVersions.Version3;
                // UsernameValidator owns the handle rule, with one clear message instead of Identity's generic one.
                options.User.AllowedUserNameCharacters = "";
                // EmailValidator keeps a given email unique; Identity's rule would also make one compulsory.
                options.User.RequireUniqueEmail = false;
                options.Lockout.AllowedForNewUsers = true;
            })
            .AddEntityFrameworkStores<ApplicationDbContext>()
            .AddUserValidator<UsernameValidator>()
            .AddUserValidator<EmailValidator>()
            .AddPasswordValidator<PasswordPolicy>()
            .AddSignInManager<MessengerSignInManager>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<SingleUseAuthenticator>(TokenOptions.DefaultAuthenticatorProvider);
    }
}
