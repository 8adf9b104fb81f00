using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BlazorMessenger.Data.Configurations;

internal sealed class PushSubscriptionConfiguration : IEntityTypeConfiguration<PushSubscription>
{
    public void Configure(EntityTypeBuilder<PushSubscription> push)
    {
        push.Property(p => p.SessionId).HasMaxLength(32);
        push.Property(p => p.Endpoint).HasMaxLength(PushSubscription.EndpointMaxLength);
        push.Property(p => p.P256dh).HasMaxLength(128);
        push.Property(p => p.Auth).HasMaxLength(64);
        push.Property(p => p.VapidKey).HasMaxLength(128);
        push.Property(p => p.UserAgent).HasMaxLength(UserSession.UserAgentMaxLength);
        push.HasIndex(p => p.Endpoint).IsUnique();
        push.HasIndex(p => p.UserId);
        push.HasIndex(p => p.SessionId);
        push.HasOne<ApplicationUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
        push.HasOne<UserSession>().WithMany().HasForeignKey(p => p.SessionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ServerSecretConfiguration : IEntityTypeConfiguration<ServerSecret>
{
    public void Configure(EntityTypeBuilder<ServerSecret> secret)
    {
        secret.HasKey(s => s.Name);
        secret.Property(s => s.Name).HasMaxLength(64);
        secret.Property(s => s.Value).HasMaxLength(1024);
    }
}
