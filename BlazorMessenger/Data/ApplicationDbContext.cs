using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace BlazorMessenger.Data;

public sealed class ApplicationDbContext(DbContextOptions<ApplicationDbContext> options)
    : IdentityDbContext<ApplicationUser>(options)
{
    public DbSet<Contact> Contacts => Set<Contact>();

    public DbSet<Conversation> Conversations => Set<Conversation>();

    public DbSet<ConversationMember> ConversationMembers => Set<ConversationMember>();

    public DbSet<Message> Messages => Set<Message>();

    public DbSet<Media> Media => Set<Media>();

    public DbSet<Reaction> Reactions => Set<Reaction>();

    public DbSet<Receipt> Receipts => Set<Receipt>();

    public DbSet<UserSession> Sessions => Set<UserSession>();

    public DbSet<Block> Blocks => Set<Block>();

    public DbSet<Report> Reports => Set<Report>();

    public DbSet<AdminAction> AdminActions => Set<AdminAction>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(ApplicationDbContext).Assembly);
    }
}
