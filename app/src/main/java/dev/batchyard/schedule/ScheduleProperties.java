package dev.batchyard.schedule;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The schedules' knobs, bound from {@code batchyard.schedule}.
 *
 * @param misfirePolicy what a schedule does about missed ticks; applies to triggers
 * written from then on (a schedule created, updated or enabled), existing triggers keep
 * the policy they were written with
 * @author Batchyard
 */
@ConfigurationProperties("batchyard.schedule")
public record ScheduleProperties(@DefaultValue("FIRE_ONCE_NOW") MisfirePolicy misfirePolicy) {

}
