using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace BlazorMessenger.Data;

public sealed class ApplicationDbContext(DbContextOptions<ApplicationDbContext> options)
    : IdentityDbContext<ApplicationUser>(options), IDataProtectionKeyContext
{
    /// <summary>The Data Protection key ring when the instances share a PostgreSQL database (SQLite keeps it in files).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Contact> Contacts => Set<Contact>();

    public DbSet<Conversation> Conversations => Set<Conversation>();

    public DbSet<ConversationMember> ConversationMembers => Set<ConversationMember>();

    public DbSet<Message> Messages => Set<Message>();

    public DbSet<Media> Media => Set<Media>();

    public DbSet<Reaction> Reactions => Set<Reaction>();

    public DbSet<HiddenMessage> HiddenMessages => Set<HiddenMessage>();

    public DbSet<Receipt> Receipts => Set<Receipt>();

    public DbSet<UserSession> Sessions => Set<UserSession>();

    public DbSet<Block> Blocks => Set<Block>();

    public DbSet<Report> Reports => Set<Report>();

    public DbSet<AdminAction> AdminActions => Set<AdminAction>();

    public DbSet<Bot> Bots => Set<Bot>();

    public DbSet<BotUpdate> BotUpdates => Set<BotUpdate>();

    public DbSet<UserNumber> UserNumbers => Set<UserNumber>();

    public DbSet<Webhook> Webhooks => Set<Webhook>();

    public DbSet<PushSubscription> PushSubscriptions => Set<PushSubscription>();

    public DbSet<ServerSecret> ServerSecrets => Set<ServerSecret>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configuration)
    {
        if (Database.IsNpgsql())
        {
            // Every stored time is UTC (timestamptz on PostgreSQL), whatever Kind a value arrives with: SQLite's
            // provider hands back Unspecified, and a time read there and written here must not be refused.
            configuration.Properties<DateTime>().HaveConversion<UtcTimes>();
        }
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(ApplicationDbContext).Assembly);
    }
}

/// <summary>Marks a time as UTC on its way to PostgreSQL; a local time is converted.</summary>
public sealed class UtcTimes() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Local ? v.ToUniversalTime() : DateTime.SpecifyKind(v, DateTimeKind.Utc),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
