import { describe, expect, it } from 'vitest';
import { normalizeRole, normalizeRoles, normalizedRoles } from '../../src/roster/roles.js';

const v2 = 'http://purl.imsglobal.org/vocab/lis/v2';

describe('role normalization', () => {
  it.each([
    // LTI 1.3 context roles
    [`${v2}/membership#Learner`, 'learner'],
    [`${v2}/membership#Instructor`, 'instructor'],
    [`${v2}/membership#ContentDeveloper`, 'content_developer'],
    [`${v2}/membership#Mentor`, 'mentor'],
    [`${v2}/membership#Administrator`, 'administrator'],
    [`${v2}/membership#Manager`, 'administrator'],
    // LTI 1.3 sub-roles, in both spellings
    [`${v2}/membership/Instructor#TeachingAssistant`, 'teaching_assistant'],
    [`${v2}/membership#Instructor#TeachingAssistant`, 'teaching_assistant'],
    [`${v2}/membership/Instructor#TeachingAssistantSection`, 'teaching_assistant'],
    [`${v2}/membership/Instructor#Grader`, 'teaching_assistant'],
    [`${v2}/membership/Learner#NonCreditLearner`, 'learner'],
    [`${v2}/membership/Mentor#Advisor`, 'mentor'],
    // LTI 1.1 roles
    ['urn:lti:role:ims/lis/Learner', 'learner'],
    ['urn:lti:role:ims/lis/Instructor', 'instructor'],
    ['urn:lti:role:ims/lis/TeachingAssistant', 'teaching_assistant'],
    ['urn:lti:role:ims/lis/Instructor/TeachingAssistant', 'teaching_assistant'],
    ['urn:lti:role:ims/lis/ContentDeveloper', 'content_developer'],
    // LTI short names
    ['Learner', 'learner'],
    ['Instructor', 'instructor'],
    ['TeachingAssistant', 'teaching_assistant'],
    ['Instructor#TeachingAssistant', 'teaching_assistant'],
    ['ContentDeveloper', 'content_developer'],
    ['Mentor', 'mentor'],
    ['Administrator', 'administrator'],
    // institution and system roles: only administrators have a role in every course
    [`${v2}/institution/person#Administrator`, 'administrator'],
    [`${v2}/system/person#Administrator`, 'administrator'],
    ['urn:lti:sysrole:ims/lis/SysAdmin', 'administrator'],
    ['urn:lti:instrole:ims/lis/Administrator', 'administrator'],
    [`${v2}/institution/person#Student`, 'other'],
    [`${v2}/institution/person#Faculty`, 'other'],
    ['urn:lti:instrole:ims/lis/Student', 'other'],
    // Canvas enrollment types
    ['StudentEnrollment', 'learner'],
    ['TeacherEnrollment', 'instructor'],
    ['TaEnrollment', 'teaching_assistant'],
    ['DesignerEnrollment', 'content_developer'],
    ['ObserverEnrollment', 'observer'],
    ['StudentViewEnrollment', 'other'],
    // Moodle role shortnames
    ['student', 'learner'],
    ['editingteacher', 'instructor'],
    ['teacher', 'teaching_assistant'],
    ['manager', 'administrator'],
    ['coursecreator', 'content_developer'],
    ['guest', 'observer'],
    // Moodle role ids of a default installation
    ['5', 'learner'],
    ['3', 'instructor'],
    ['4', 'teaching_assistant'],
    ['1', 'administrator'],
    ['2', 'content_developer'],
    ['6', 'observer'],
    ['7', 'other'],
    ['05', 'learner'],
    // our own names, and what nobody maps
    ['learner', 'learner'],
    ['teaching_assistant', 'teaching_assistant'],
    ['  Learner ', 'learner'],
    ['42', 'other'],
    ['99999999999999999999999', 'other'],
    ['Astronaut', 'other'],
    [`${v2}/membership#Member`, 'other'],
    [`${v2}/membership`, 'other'],
    ['http://example.com/roles#Learner', 'other'],
    ['', 'other'],
    ['#', 'other'],
    ['constructor', 'other'],
    ['__proto__', 'other'],
  ])('%s -> %s', (raw, normalized) => {
    expect(normalizeRole(raw)).toBe(normalized);
  });

  it('a member with several roles gets each once, in a fixed order', () => {
    expect(
      normalizeRoles(['TaEnrollment', 'urn:lti:role:ims/lis/Learner', 'Astronaut', 'student', 'Ghost']),
    ).toEqual(['learner', 'teaching_assistant', 'other']);
    expect(normalizeRoles([])).toEqual([]);
    expect(normalizedRoles.at(-1)).toBe('other');
  });
});
